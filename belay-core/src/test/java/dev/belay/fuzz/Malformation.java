package dev.belay.fuzz;

/**
 * The ways the hostile board misbehaves on one command; {@link Mischief} plays each with seeded
 * variations.
 */
enum Malformation {
    /** Random bytes instead of the answer, or in the middle of it. */
    GARBAGE(false),
    /** The answer cut short, then silence: the program hangs until Ctrl-C. */
    TRUNCATION(false),
    /** No answer, an answer that trickles in slowly, or one that comes late. */
    STALL(false),
    /** Output that never ends; the transport returns bytes at once, every time it is read. */
    ENDLESS_OUTPUT(false),
    /** A {@code \x04} where the framing does not expect one, as user code may print. */
    STRAY_EOT(false),
    /** A boot banner, {@code soft reboot} or the raw prompt in the middle of the answer. */
    BANNER_MID_REPLY(false),
    /** Bytes that are not UTF-8 in the output, the payload or the exception text. */
    NON_UTF8(false),
    /** A call's result that is no valid Python literal, or one too big or too deep. */
    INVALID_LITERAL(true),
    /** A call's result with a kind letter other than the helper's, or a payload that does not fit it. */
    WRONG_KIND(true),
    /** The board stops reading in the middle of a command: the host's write blocks for a while. */
    STOPS_READING(false);

    private final boolean callsOnly;

    Malformation(boolean callsOnly) {
        this.callsOnly = callsOnly;
    }

    /** Whether only a call's result frame can carry it (it aims at the kind letter or the payload). */
    boolean callsOnly() {
        return callsOnly;
    }
}
