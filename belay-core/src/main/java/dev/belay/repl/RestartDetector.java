package dev.belay.repl;

import java.nio.charset.StandardCharsets;

/**
 * The one place that decides, from the bytes a board sends, that it restarted. Every byte the
 * {@link ReplReader} takes in passes through it, whatever the reader was waiting for, so a reset
 * seen while a command ran, between two calls, or while a timeout was being recovered from is
 * seen the same way.
 *
 * <p>A restart is a restart sign (a {@code soft reboot} line, a {@code MicroPython v} boot banner,
 * a new WebREPL session's greeting) followed by a prompt: the raw one after a soft reset in raw
 * mode, the friendly one after a hard reset. Requiring the prompt keeps a call that merely prints
 * one of those words from counting. Once seen, the restart is latched until {@link #acknowledge()}:
 * whoever restores the board clears it.
 *
 * <pre>{@code
 * if (detector.restarted()) {
 *     String evidence = detector.evidence();
 *     restore();
 *     detector.acknowledge();
 * }
 * }</pre>
 */
public final class RestartDetector {

    private static final String[] SIGNS = {"soft reboot", "MicroPython v", "WebREPL connected"};
    private static final String RAW_PROMPT = "raw REPL; CTRL-B to exit\r\n>";
    private static final String FRIENDLY_PROMPT = ">>> ";
    /** Enough for a banner and its prompt; older bytes cannot matter. */
    private static final int KEPT = 400;

    private final StringBuilder tail = new StringBuilder();
    private String evidence;
    private long count;

    /** Takes in bytes as they arrive. */
    synchronized void saw(byte[] data, int offset, int length) {
        tail.append(new String(data, offset, length, StandardCharsets.ISO_8859_1));
        if (tail.length() > KEPT * 2) {
            tail.delete(0, tail.length() - KEPT);
        }
        if (!endsAtPrompt()) {
            return;
        }
        String text = tail.toString();
        if (signIn(text)) {
            evidence = Bytes.show(text.strip().getBytes(StandardCharsets.ISO_8859_1));
            count++;
            tail.setLength(0);
        }
    }

    private boolean endsAtPrompt() {
        int n = tail.length();
        return endsWith(RAW_PROMPT, n) || endsWith(FRIENDLY_PROMPT, n);
    }

    private boolean endsWith(String suffix, int n) {
        return n >= suffix.length() && tail.indexOf(suffix, n - suffix.length()) >= 0;
    }

    private static boolean signIn(String text) {
        for (String sign : SIGNS) {
            if (text.contains(sign)) {
                return true;
            }
        }
        return false;
    }

    /** How many restarts were seen in all, acknowledged or not. */
    synchronized long count() {
        return count;
    }

    /** Whether a restart was seen since the last {@link #acknowledge()}. */
    public synchronized boolean restarted() {
        return evidence != null;
    }

    /** What the board sent that showed the restart, escaped; {@code null} when none was seen. */
    public synchronized String evidence() {
        return evidence;
    }

    /**
     * Forgets a seen restart, and the bytes before now: the board was just brought into a known
     * state (connected, reset on purpose, or restored).
     */
    public synchronized void acknowledge() {
        evidence = null;
        tail.setLength(0);
    }
}
