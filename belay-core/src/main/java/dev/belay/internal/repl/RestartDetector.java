package dev.belay.internal.repl;

import java.nio.charset.StandardCharsets;

/**
 * The one place that decides, from the bytes a board sends, that it restarted. Every byte the
 * {@link ReplReader} takes in passes through it, whatever the reader was waiting for, so a reset
 * seen while a command ran, between two calls, or while a timeout was being recovered from is
 * seen the same way.
 *
 * <p>A restart is a restart sign (a {@code soft reboot} line, a {@code MicroPython v} boot banner)
 * followed by a prompt: the raw one after a soft reset in raw mode, the friendly one after a hard
 * reset. Requiring the prompt keeps a call that merely prints one of those words from counting.
 * Over WebREPL the banner goes to the board's UART, not to the session: there the transport's
 * new-session event ({@link #newSession()}) is the sign. Once seen, a restart is latched until
 * {@link #acknowledge()}: whoever restores the board clears it.
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

    private static final String[] SIGNS = {"soft reboot", "MicroPython v"};
    private static final String RAW_PROMPT = "raw REPL; CTRL-B to exit\r\n>";
    private static final String FRIENDLY_PROMPT = ">>> ";
    /** Enough for a banner and its prompt; older bytes cannot matter. */
    private static final int KEPT = 400;
    /** How much of what showed a restart its evidence quotes: the banner and its prompt. */
    private static final int EVIDENCE = 160;

    private final StringBuilder tail = new StringBuilder();
    private String evidence;
    private long count;
    private long sessions;

    /** Takes in bytes as they arrive; a prompt is looked for after every byte that can end one. */
    synchronized void saw(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = (char) (data[i] & 0xff);
            tail.append(c);
            if ((c == '>' || c == ' ') && endsAtPrompt() && signIn(tail)) {
                String seen = tail.toString().strip();
                evidence = "it sent '" + Bytes.show(seen.substring(Math.max(0, seen.length() - EVIDENCE))
                        .getBytes(StandardCharsets.ISO_8859_1)) + "'";
                count++;
                tail.setLength(0);
            }
        }
        if (tail.length() > KEPT * 2) {
            tail.delete(0, tail.length() - KEPT);
        }
    }

    private boolean endsAtPrompt() {
        int n = tail.length();
        return endsWith(RAW_PROMPT, n) || endsWith(FRIENDLY_PROMPT, n);
    }

    private boolean endsWith(String suffix, int n) {
        return n >= suffix.length() && tail.indexOf(suffix, n - suffix.length()) >= 0;
    }

    private static boolean signIn(StringBuilder text) {
        for (String sign : SIGNS) {
            if (text.indexOf(sign) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The transport began a new session with the board, which a board does only after it reset
     * (a WebREPL board ends its session at every reset). Called on the reading thread, before the
     * new session's first byte is read.
     */
    public synchronized void newSession() {
        evidence = "its WebREPL session ended and a new one began";
        count++;
        sessions++;
        tail.setLength(0);
    }

    /** How many new sessions the transport began ({@link #newSession()}). */
    public synchronized long sessions() {
        return sessions;
    }

    /** How many restarts were seen in all, acknowledged or not. */
    public synchronized long count() {
        return count;
    }

    /** Whether a restart was seen since the last {@link #acknowledge()}. */
    public synchronized boolean restarted() {
        return evidence != null;
    }

    /**
     * What showed the restart, as a phrase for messages ({@code it sent '...'}, the bytes escaped);
     * {@code null} when none was seen.
     */
    public synchronized String evidence() {
        return evidence;
    }

    /**
     * Forgets a seen restart: the board was just brought into a known state (connected, reset on
     * purpose, or restored). Bytes of a restart still under way (a banner whose prompt has not
     * arrived) are kept, so that restart is still seen when its prompt comes.
     */
    public synchronized void acknowledge() {
        evidence = null;
    }
}
