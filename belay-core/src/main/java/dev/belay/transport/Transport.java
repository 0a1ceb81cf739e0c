package dev.belay.transport;

import dev.belay.ConnectionLostException;

/**
 * A byte pipe to a board: the serial line, a child process's stdin and stdout, or a WebREPL
 * session. It knows nothing of the REPL protocol that travels over it.
 *
 * <p>Implementations report a pipe that went away by throwing {@link ConnectionLostException}
 * at once; they never spin, never report a lost pipe as an idle one and never drop written bytes
 * silently.
 *
 * <pre>{@code
 * try (Transport transport = Transports.open("/dev/ttyACM0", LinkOptions.defaults())) {
 *     transport.write(new byte[] {3}, 0, 1);
 *     int n = transport.read(buffer, 0, buffer.length, 100);
 * }
 * }</pre>
 */
public interface Transport extends AutoCloseable {

    /**
     * Reads what has arrived, waiting until at least one byte has or the timeout passed.
     *
     * @return the number of bytes read, 0 when the timeout passed with nothing arriving
     * @throws ConnectionLostException when the pipe went away
     */
    int read(byte[] buffer, int offset, int length, long timeoutMillis);

    /**
     * Reads what has arrived, waiting until at least one byte has or the deadline passed; a
     * passed deadline reads only what is there already.
     *
     * @return the number of bytes read, 0 when the deadline passed with nothing arriving
     * @throws ConnectionLostException when the pipe went away
     */
    default int read(byte[] buffer, int offset, int length, Deadline deadline) {
        return read(buffer, offset, length, deadline.remainingMillis());
    }

    /**
     * Writes every byte or throws. A write never waits longer than the
     * {@linkplain LinkOptions#writeTimeout() write timeout} without the board taking a byte; a long
     * write to a slow board that keeps reading takes as long as it needs.
     *
     * <p>A board that stops taking bytes is reported as a {@link dev.belay.DeviceTimeoutException},
     * not as a lost connection: the pipe is still there and the board may be busy (a long
     * computation with its input buffer full) or wedged, so the remedy is the one for any deadline
     * (interrupt it, reset it, allow more time), not a reconnect, which could not help a board that
     * runs but does not read and would lose the state the tests built. What was not taken may
     * still reach the board later, in order, before anything written after it.
     *
     * @throws ConnectionLostException when the pipe went away
     * @throws dev.belay.DeviceTimeoutException when the board took no byte for the write timeout
     */
    void write(byte[] data, int offset, int length);

    /**
     * Releases this transport's pipe and opens a new one to the same board, for reconnecting after
     * the pipe went away; may be called again on the same object after a failed try. The default
     * closes this transport and opens the connection string again, which finds a serial port that
     * came back under the same name; a transport that owns its board (a software board) keeps the
     * board and hands it to the new transport.
     *
     * @throws dev.belay.ConnectionException when the board cannot be reached (yet)
     */
    default Transport reopen(LinkOptions options) {
        close();
        return Transports.open(name(), options);
    }

    /**
     * Calls {@code listener} whenever the board began a new session on this same transport (a
     * WebREPL board that reset ended its session and the transport logged in again by itself).
     * The listener runs on the reading thread, inside {@link #read}, just before the read that
     * returns the new session's first byte: every byte from before the new session has been
     * returned by earlier reads, so the event marks the exact place in the stream. A transport
     * from {@link #reopen} starts without listeners. Transports whose sessions never renew by
     * themselves (a serial port, a process) never call it; the default ignores the listener.
     *
     * <pre>{@code
     * transport.onNewSession(() -> restartDetector.boardRestarted("a new WebREPL session"));
     * }</pre>
     */
    default void onNewSession(Runnable listener) {}

    /**
     * Whether this pipe has modem control lines that {@link #setLines} drives: a local serial port
     * or an RFC 2217 server does; a pseudo-terminal takes the settings and ignores them; a process,
     * a raw TCP socket or a WebREPL session has none.
     */
    default boolean hasLines() {
        return false;
    }

    /**
     * Sets DTR and RTS, in the order {@link ModemLines} gives; {@link LineState#KEEP} leaves a
     * line alone. Used at open for the configured policy and for a reset pulse.
     *
     * <pre>{@code
     * if (transport.hasLines()) {
     *     transport.setLines(LineState.OFF, LineState.ON); // an ESP32 devkit's EN held low
     * }
     * }</pre>
     *
     * @throws UnsupportedOperationException when {@link #hasLines()} is false
     * @throws ConnectionLostException when the pipe went away
     */
    default void setLines(LineState dtr, LineState rts) {
        throw new UnsupportedOperationException(name() + " has no modem lines (DTR, RTS) to set.");
    }

    /** The connection string this transport was opened from, for messages. */
    String name();

    /** Releases the pipe; never throws. */
    @Override
    void close();
}
