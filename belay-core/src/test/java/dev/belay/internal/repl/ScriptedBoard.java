package dev.belay.internal.repl;

import dev.belay.transport.Transport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A transport that plays a board from a script: each rule waits until its trigger has been
 * written since the previous rule fired, then makes its answer readable. Rules fire in order.
 */
final class ScriptedBoard implements Transport {

    private record Rule(byte[] trigger, byte[] answer) {}

    private final Deque<Rule> rules = new ArrayDeque<>();
    private final ByteArrayOutputStream sinceLastRule = new ByteArrayOutputStream();
    private final ByteArrayOutputStream everything = new ByteArrayOutputStream();
    private final Deque<Byte> readable = new ArrayDeque<>();
    private final List<Integer> writeSizes = new ArrayList<>();

    ScriptedBoard on(String trigger, String answer) {
        rules.addLast(new Rule(latin1(trigger), latin1(answer)));
        return this;
    }

    /** Bytes readable before anything is written, e.g. a boot banner. */
    ScriptedBoard initially(String bytes) {
        for (byte b : latin1(bytes)) {
            readable.addLast(b);
        }
        return this;
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length, long timeoutMillis) {
        if (readable.isEmpty()) {
            try {
                wait(Math.max(1, Math.min(timeoutMillis, 5)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }
        int n = 0;
        while (n < length && !readable.isEmpty()) {
            buffer[offset + n++] = readable.removeFirst();
        }
        return n;
    }

    @Override
    public synchronized void write(byte[] data, int offset, int length) {
        writeSizes.add(length);
        everything.write(data, offset, length);
        sinceLastRule.write(data, offset, length);
        while (!rules.isEmpty()) {
            String seen = sinceLastRule.toString(StandardCharsets.ISO_8859_1);
            String trigger = new String(rules.peekFirst().trigger(), StandardCharsets.ISO_8859_1);
            int at = seen.indexOf(trigger);
            if (at < 0) {
                return;
            }
            for (byte b : rules.removeFirst().answer()) {
                readable.addLast(b);
            }
            byte[] rest = seen.substring(at + trigger.length()).getBytes(StandardCharsets.ISO_8859_1);
            sinceLastRule.reset();
            sinceLastRule.write(rest, 0, rest.length);
            notifyAll();
        }
    }

    synchronized String written() {
        return everything.toString(StandardCharsets.ISO_8859_1);
    }

    synchronized List<Integer> writeSizes() {
        return List.copyOf(writeSizes);
    }

    synchronized boolean scriptDone() {
        return rules.isEmpty();
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public void close() {}
}
