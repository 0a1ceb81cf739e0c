package dev.belay.repl;

import java.nio.charset.StandardCharsets;

/**
 * Recognises, in what a board sends, that it restarted: a soft reboot message, a boot banner, the
 * raw prompt printed anew where a reply was due, or a new WebREPL session's greeting.
 */
public final class RestartSigns {

    /**
     * A WebREPL greeting counts too: the board ends its WebREPL session when it resets, and the
     * transport's new login is how a reset shows over WiFi (the banner goes to the UART only).
     */
    private static final String[] SIGNS = {"soft reboot", "MicroPython v", "raw REPL; CTRL-B to exit",
            "WebREPL connected"};
    private static final String RAW_PROMPT = "raw REPL; CTRL-B to exit\r\n>";
    private static final int KEPT = 400;

    private final StringBuilder tail = new StringBuilder();

    private RestartSigns() {}

    /** Whether {@code text} shows any sign of a restart. */
    public static boolean shownIn(String text) {
        for (String sign : SIGNS) {
            if (text.contains(sign)) {
                return true;
            }
        }
        return false;
    }

    /** Watches a reply as it streams in. */
    static RestartSigns watch() {
        return new RestartSigns();
    }

    /** Adds bytes of the reply; throws {@link BoardRestartedException} once they end as a restarted board's do. */
    void saw(byte[] data, int offset, int length) {
        tail.append(new String(data, offset, length, StandardCharsets.ISO_8859_1));
        if (tail.length() > KEPT) {
            tail.delete(0, tail.length() - KEPT);
        }
        String text = tail.toString();
        boolean atRawPrompt = text.endsWith(RAW_PROMPT);
        boolean atFriendlyPrompt = text.endsWith(">>> ") && shownIn(text);
        if (atRawPrompt || atFriendlyPrompt) {
            throw new BoardRestartedException(Bytes.show(text.getBytes(StandardCharsets.ISO_8859_1)));
        }
    }
}
