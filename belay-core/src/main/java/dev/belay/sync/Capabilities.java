package dev.belay.sync;

/**
 * What the board's firmware has that a sync relies on.
 *
 * @param folders whether it has folders ({@code os.stat}, {@code os.mkdir})
 * @param rename  whether it has {@code os.rename}: without it a new file is written in place and a
 *                changed one replaced by a copy of its temporary file
 * @param sha256  whether it hashes with {@code hashlib}'s SHA-256, else with 32-bit FNV-1a
 * @param base64  whether pieces travel base64-encoded, decoded by a {@code binascii} in C
 */
record Capabilities(boolean folders, boolean rename, boolean sha256, boolean base64) {

    /** Old firmware with a flat filesystem (the micro:bit's 1.9.2): none of them. */
    static final Capabilities FLAT = new Capabilities(false, false, false, false);
}
