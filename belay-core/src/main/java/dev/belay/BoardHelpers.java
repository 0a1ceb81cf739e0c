package dev.belay;

import dev.belay.repl.BoardSource;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Belay's board-side helper code ({@code belay_helpers.py}) for one session, with the nonce that
 * makes its result marker unforgeable by the user's output.
 */
final class BoardHelpers {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TEMPLATE = BoardSource.load("belay_helpers.py");

    private final byte[] source;
    private final byte[] marker;

    private BoardHelpers(String nonce) {
        this.source = TEMPLATE.replace("@NONCE@", nonce).getBytes(StandardCharsets.UTF_8);
        this.marker = ("\u001e_belay_" + nonce).getBytes(StandardCharsets.US_ASCII);
    }

    static BoardHelpers withFreshNonce() {
        byte[] nonce = new byte[6];
        RANDOM.nextBytes(nonce);
        return new BoardHelpers(HexFormat.of().formatHex(nonce));
    }

    /** The helper source to run on the board. */
    byte[] source() {
        return source.clone();
    }

    /** What the helpers print before each result. */
    byte[] marker() {
        return marker.clone();
    }
}
