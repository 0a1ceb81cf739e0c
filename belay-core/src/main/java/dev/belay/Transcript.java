package dev.belay;

import java.nio.charset.StandardCharsets;

/**
 * Everything exchanged with a board, both ways, kept up to a limit (the oldest bytes go first),
 * for showing what the board said when a test failed. Sent bytes are shown after {@code >>> },
 * received ones after {@code <<< }, control characters escaped.
 *
 * <pre>{@code
 * long mark = device.transcript().position();
 * ... // the test
 * String exchanged = device.transcript().since(mark);
 * }</pre>
 */
public final class Transcript {

    private static final int LIMIT = 256 * 1024;

    private final StringBuilder text = new StringBuilder();
    private long dropped;
    private Boolean lastWasSent;

    synchronized void sent(byte[] data, int offset, int length) {
        add(true, data, offset, length);
    }

    synchronized void received(byte[] data, int offset, int length) {
        add(false, data, offset, length);
    }

    private void add(boolean sent, byte[] data, int offset, int length) {
        if (length <= 0) {
            return;
        }
        if (lastWasSent == null || lastWasSent != sent) {
            text.append(text.length() == 0 ? "" : "\n").append(sent ? ">>> " : "<<< ");
            lastWasSent = sent;
        }
        String chunk = new String(data, offset, length, StandardCharsets.UTF_8);
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (c == '\n') {
                text.append("\\n\n").append(sent ? ">>> " : "<<< ");
            } else if (c < 0x20 && c != '\t') {
                text.append(String.format("\\x%02x", (int) c));
            } else {
                text.append(c);
            }
        }
        if (text.length() > LIMIT) {
            int cut = text.length() - LIMIT;
            text.delete(0, cut);
            dropped += cut;
        }
    }

    /** A position to pass to {@link #since} later. */
    public synchronized long position() {
        return dropped + text.length();
    }

    /** What was exchanged since {@code position}, or as much of it as is still kept. */
    public synchronized String since(long position) {
        long start = Math.max(0, position - dropped);
        return start >= text.length() ? "" : text.substring((int) start);
    }
}
