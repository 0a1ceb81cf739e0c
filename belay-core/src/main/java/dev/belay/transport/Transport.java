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
 * try (Transport transport = Transports.open("/dev/ttyACM0", DeviceOptions.defaults())) {
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
     * Writes every byte or throws.
     *
     * @throws ConnectionLostException when the pipe went away or the board stopped taking bytes
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
    default Transport reopen(dev.belay.DeviceOptions options) {
        close();
        return Transports.open(name(), options);
    }

    /** The connection string this transport was opened from, for messages. */
    String name();

    /** Releases the pipe; never throws. */
    @Override
    void close();
}
