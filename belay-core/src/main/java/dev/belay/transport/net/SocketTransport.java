package dev.belay.transport.net;

import dev.belay.ConnectionLostException;
import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transport;
import dev.belay.transport.WriterThread;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A serial port exported as raw TCP, {@code socket://HOST:PORT}: every byte goes through as it is,
 * with no negotiation and no modem lines (ser2net's {@code accepter: tcp,PORT}, a WiFi-to-serial
 * bridge, {@code socat TCP-LISTEN:PORT /dev/ttyACM0,rawer}). The line speed is what the server
 * set; {@link LinkOptions#baudRate()} cannot reach it. When the server closes the connection (it
 * stopped, or lost the port), reads and writes throw {@link dev.belay.ConnectionLostException}.
 *
 * <pre>{@code
 * try (Transport board = Transports.open("socket://192.168.1.20:4001", LinkOptions.defaults())) {
 *     board.write(new byte[] {3}, 0, 1);
 * }
 * }</pre>
 */
public final class SocketTransport implements Transport {

    static final String SCHEME = "socket";
    private static final int FIRST_WORDS = 120;

    private final String name;
    private final TcpLink link;
    private final Duration writeTimeout;
    /**
     * What the connection brought first, for the message when it ends soon after: ser2net answers
     * a client it cannot serve with a sentence ("Port already in use", "Device open failure: ...")
     * and hangs up. Reading thread only.
     */
    private final ByteArrayOutputStream firstWords = new ByteArrayOutputStream();
    private long received;

    private SocketTransport(String name, TcpLink link, Duration writeTimeout) {
        this.name = name;
        this.link = link;
        this.writeTimeout = writeTimeout;
    }

    /**
     * Connects to {@code socket://HOST:PORT} within the connect timeout.
     *
     * @throws dev.belay.ConnectionException when the address is malformed or nothing answers there
     */
    public static SocketTransport open(String connection, LinkOptions options) {
        NetAddress address = NetAddress.parse(connection, SCHEME);
        return new SocketTransport(connection, TcpLink.connect(connection, address, options), options.writeTimeout());
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutMillis) {
        int n;
        try {
            n = link.read(buffer, offset, length, timeoutMillis);
        } catch (ConnectionLostException e) {
            throw firstWords.size() == 0 || received > FIRST_WORDS ? e : new ConnectionLostException(e.getMessage()
                    + " Before closing, the server said '" + firstWords.toString(StandardCharsets.UTF_8).strip()
                    + "'.", e);
        }
        if (received < FIRST_WORDS) {
            firstWords.write(buffer, offset, (int) Math.min(n, FIRST_WORDS - received));
        }
        received += n;
        return n;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        if (!link.write(data, offset, length)) {
            throw WriterThread.stalled(name, writeTimeout, "the server stopped taking bytes (the board does not "
                    + "read, or its serial line is held)");
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        link.close();
    }
}
