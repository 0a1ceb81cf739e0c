package dev.belay;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * Everything exchanged with a board, both ways, kept up to a limit (the oldest bytes go first),
 * for showing what the board said when a test failed. Sent bytes are shown after {@code >>> },
 * received ones after {@code <<< }, control characters and bytes that are not UTF-8 escaped as
 * {@code \xNN}.
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

    /**
     * Puts a line of Belay's own in the transcript, between the bytes, e.g.
     * {@code --- hard reset: command:uhubctl -a cycle -l 1-1 -p 2 ---}.
     */
    synchronized void note(String what) {
        text.append(text.length() == 0 ? "" : "\n").append("--- ").append(what).append(" ---");
        // The next bytes start a line of their own.
        lastWasSent = null;
    }

    private void add(boolean sent, byte[] data, int offset, int length) {
        if (length <= 0) {
            return;
        }
        if (lastWasSent == null || lastWasSent != sent) {
            text.append(text.length() == 0 ? "" : "\n").append(sent ? ">>> " : "<<< ");
            lastWasSent = sent;
        }
        ByteBuffer bytes = ByteBuffer.wrap(data, offset, length);
        CharBuffer chars = CharBuffer.allocate(length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        while (bytes.hasRemaining()) {
            CoderResult result = decoder.decode(bytes, chars, true);
            append(sent, chars.flip());
            chars.clear();
            if (result.isError()) {
                // A byte that is not UTF-8 is shown as itself, not as U+FFFD: it may be the clue.
                for (int i = 0; i < result.length(); i++) {
                    text.append(String.format("\\x%02x", bytes.get() & 0xff));
                }
            }
        }
        if (text.length() > LIMIT) {
            int cut = text.length() - LIMIT;
            text.delete(0, cut);
            dropped += cut;
        }
    }

    private void append(boolean sent, CharBuffer chunk) {
        while (chunk.hasRemaining()) {
            char c = chunk.get();
            if (c == '\n') {
                text.append("\\n\n").append(sent ? ">>> " : "<<< ");
            } else if ((c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0)) {
                text.append(String.format("\\x%02x", (int) c));
            } else {
                text.append(c);
            }
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
