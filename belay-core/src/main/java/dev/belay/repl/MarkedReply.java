package dev.belay.repl;

import java.nio.charset.StandardCharsets;

/**
 * The reply to a {@link RawRepl#call}: what the user's code printed, and the result it reported.
 *
 * @param output    what the code printed before its result
 * @param kind      the result's kind letter as the board-side helper wrote it, or {@link #NOT_RUN}
 *                  when the helper never reported (a syntax error, or it was cut off)
 * @param payload   the result's text
 * @param errorText an exception raised outside the helper (a syntax error), empty otherwise
 */
public record MarkedReply(byte[] output, char kind, String payload, String errorText) {

    /** The kind of a call that failed before any of it ran; {@link #errorText()} says why. */
    public static final char NOT_RUN = '\0';

    /**
     * The kind of a call that ran but whose helper was cut off before it could report (a
     * {@code MemoryError} with no memory left to report it); {@link #errorText()} says why.
     */
    public static final char CUT_OFF = '\1';

    /** The reply of a call that never ran: the raw REPL reported {@code errorText} instead. */
    static MarkedReply notRun(String errorText) {
        return new MarkedReply(new byte[0], NOT_RUN, "", errorText);
    }

    /** The reply of a call that ran, but whose result never came: the raw REPL reported {@code errorText}. */
    static MarkedReply cutOff(byte[] output, String errorText) {
        return new MarkedReply(output, CUT_OFF, "", errorText);
    }

    /** The output decoded as UTF-8, with {@code \r\n} turned into {@code \n}. */
    public String outputText() {
        return new String(output, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}
