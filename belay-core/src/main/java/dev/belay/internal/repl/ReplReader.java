package dev.belay.internal.repl;

import dev.belay.ProtocolException;
import dev.belay.transport.Deadline;
import dev.belay.transport.Transport;

/**
 * Buffered reading from a transport with deadlines, remembering the last bytes that arrived so
 * that every failed wait can say what it saw. Every byte taken in passes through the
 * {@link RestartDetector}; while {@link #watchForRestarts} is on, a restart it sees ends the read
 * with a {@link BoardRestartedException}.
 *
 * <p>A deadline holds whatever the board sends: the transport is not read again once it has
 * passed, so a board that never stops printing cannot keep a wait alive.
 */
final class ReplReader {

    /** The longest {@link #takeWaiting} reads a board that keeps sending. */
    private static final long TAKE_WAITING_MILLIS = 200;
    /** How many of the most recent bytes a timeout message quotes. */
    private static final int RECENT = 80;

    private final Transport transport;
    private final RestartDetector restarts;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private final byte[] recent = new byte[RECENT];
    private long received;
    private boolean watching;
    private long restartsBeforeWatching;

    ReplReader(Transport transport, RestartDetector restarts) {
        this.transport = transport;
        this.restarts = restarts;
    }

    /** While on, a restart seen in what arrives from now on ends the read with {@link BoardRestartedException}. */
    void watchForRestarts(boolean on) {
        watching = on;
        restartsBeforeWatching = restarts.count();
    }

    /** Receives more bytes into the buffer; false when the deadline passed first. */
    private boolean fill(Deadline deadline) {
        if (position < limit) {
            return true;
        }
        int n = 0;
        while (n == 0 && !deadline.hasPassed()) {
            n = transport.read(buffer, 0, buffer.length, deadline);
        }
        if (n == 0) {
            return false;
        }
        position = 0;
        limit = n;
        takeIn(n);
        return true;
    }

    /** Remembers and inspects the {@code n} bytes just read into the buffer. */
    private void takeIn(int n) {
        for (int i = 0; i < n; i++) {
            recent[(int) (received++ % RECENT)] = buffer[i];
        }
        restarts.saw(buffer, 0, n);
        if (watching && restarts.count() != restartsBeforeWatching) {
            // What followed the restart's prompt stays in the buffer for whoever restores the board.
            throw new BoardRestartedException(restarts.evidence());
        }
    }

    /** How many bytes were taken in so far: a mark for {@link #lastBytesSince}. */
    long mark() {
        return received;
    }

    /** Whether nothing arrives for {@code quietMillis}; what does arrive stays buffered. */
    boolean quietFor(long quietMillis) {
        return !fill(Deadline.after(java.time.Duration.ofMillis(quietMillis)));
    }

    int readByte(Deadline deadline, String awaited) {
        if (!fill(deadline)) {
            throw new WaitTimedOut(awaited, lastBytes());
        }
        return buffer[position++] & 0xff;
    }

    /** Reads exactly {@code expected}, or fails with the bytes that came instead. */
    void expect(byte[] expected, Deadline deadline, String when) {
        byte[] got = new byte[expected.length];
        for (int i = 0; i < expected.length; i++) {
            got[i] = (byte) readByte(deadline, "'" + Bytes.show(expected) + "' " + when);
            if (got[i] != expected[i]) {
                throw new ProtocolException("Expected '" + Bytes.show(expected) + "' " + when + ", got '"
                        + Bytes.show(got, 0, i + 1) + "'. Another program may be talking to the board, "
                        + "or it is not running MicroPython.");
            }
        }
    }

    /** Discards bytes up to and including {@code marker}. */
    void skipPast(byte[] marker, Deadline deadline, String awaited) {
        int matched = 0;
        while (matched < marker.length) {
            int b = readByte(deadline, awaited);
            if (b == (marker[matched] & 0xff)) {
                matched++;
            } else {
                matched = b == (marker[0] & 0xff) ? 1 : 0;
            }
        }
    }

    /**
     * Discards bytes up to and including {@code marker}, or until the transport began a new session
     * (a WebREPL board that reset), whichever comes first.
     *
     * @return 0 when the marker came, 1 when a new session began
     */
    int skipPastOrNewSession(byte[] marker, Deadline deadline, String awaited) {
        long sessionsBefore = restarts.sessions();
        int matched = 0;
        while (matched < marker.length) {
            int b = readByte(deadline, awaited);
            if (restarts.sessions() != sessionsBefore) {
                return 1;
            }
            if (b == (marker[matched] & 0xff)) {
                matched++;
            } else {
                matched = b == (marker[0] & 0xff) ? 1 : 0;
            }
        }
        return 0;
    }

    /** Passes bytes to {@code sink} up to {@code terminator}, which is consumed and not passed. */
    void readUntil(int terminator, Deadline deadline, String awaited, ByteSink sink) {
        readUntilEither(terminator, terminator, deadline, awaited, sink);
    }

    /**
     * Passes bytes to {@code sink} up to whichever of two terminators comes first, which is
     * consumed and not passed, and returns it.
     */
    int readUntilEither(int terminator, int other, Deadline deadline, String awaited, ByteSink sink) {
        while (true) {
            if (!fill(deadline)) {
                throw new WaitTimedOut(awaited, lastBytes());
            }
            int start = position;
            while (position < limit) {
                int b = buffer[position] & 0xff;
                if (b == terminator || b == other) {
                    sink.accept(buffer, start, position - start);
                    position++;
                    return b;
                }
                position++;
            }
            sink.accept(buffer, start, position - start);
        }
    }

    /**
     * Passes bytes to {@code sink} up to {@code marker}, which is consumed and not passed. Bytes
     * that might begin the marker are held back until it is clear they do not. Gives up, returning
     * false, when {@code giveUp} says so after a chunk was passed on.
     */
    boolean readUntilMarker(byte[] marker, Deadline deadline, String awaited, ByteSink sink,
            java.util.function.BooleanSupplier giveUp) {
        int matched = 0;
        while (true) {
            if (position == limit && matched == 0 && giveUp.getAsBoolean()) {
                return false;
            }
            if (!fill(deadline)) {
                throw new WaitTimedOut(awaited, lastBytes());
            }
            while (position < limit) {
                byte b = buffer[position];
                if (b == marker[matched]) {
                    matched++;
                    position++;
                    if (matched == marker.length) {
                        return true;
                    }
                } else if (matched > 0) {
                    // A false start. What is held equals the marker's first bytes: release the
                    // fewest of them that leave the rest a beginning of the marker, then look again.
                    int shift = 1;
                    while (shift < matched && !sameBytes(marker, shift, matched - shift)) {
                        shift++;
                    }
                    sink.accept(marker, 0, shift);
                    matched -= shift;
                } else {
                    int runEnd = position + 1;
                    while (runEnd < limit && buffer[runEnd] != marker[0]) {
                        runEnd++;
                    }
                    sink.accept(buffer, position, runEnd - position);
                    position = runEnd;
                }
            }
        }
    }

    /** Whether {@code length} bytes of {@code marker} from {@code from} equal its first ones. */
    private static boolean sameBytes(byte[] marker, int from, int length) {
        for (int i = 0; i < length; i++) {
            if (marker[from + i] != marker[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads bytes until none arrive for {@code quietMillis}, or the deadline passes; returns them. */
    byte[] drain(long quietMillis, Deadline deadline) {
        BoundedBytes drained = new BoundedBytes(64 << 10);
        drained.write(buffer, position, limit - position);
        position = limit;
        while (!deadline.hasPassed()) {
            Deadline quiet = Deadline.after(java.time.Duration.ofMillis(quietMillis)).orSooner(deadline);
            if (!fill(quiet)) {
                break;
            }
            drained.write(buffer, position, limit - position);
            position = limit;
        }
        return drained.toByteArray();
    }

    /**
     * Everything already received or waiting, without blocking; at most {@code limitBytes} (the
     * oldest are dropped), so a board that never stops printing cannot hold this forever.
     */
    byte[] takeWaiting(int limitBytes) {
        BoundedBytes waiting = new BoundedBytes(limitBytes);
        long budget = limitBytes;
        Deadline enough = Deadline.after(java.time.Duration.ofMillis(TAKE_WAITING_MILLIS));
        do {
            waiting.write(buffer, position, limit - position);
            budget -= limit - position;
            position = limit;
            int n = transport.read(buffer, 0, buffer.length, Deadline.now());
            limit = n;
            position = 0;
            takeIn(n);
        } while (limit > 0 && budget > 0 && !enough.hasPassed());
        return waiting.toByteArray();
    }

    String lastBytes() {
        return lastBytesSince(0);
    }

    /** The last bytes received after {@code mark} (at most {@value #RECENT}), escaped. */
    String lastBytesSince(long mark) {
        int count = (int) Math.min(Math.min(received, RECENT), received - mark);
        byte[] tail = new byte[count];
        for (int i = 0; i < count; i++) {
            tail[i] = recent[(int) ((received - count + i) % RECENT)];
        }
        return Bytes.show(tail);
    }

    interface ByteSink {
        void accept(byte[] data, int offset, int length);
    }
}
