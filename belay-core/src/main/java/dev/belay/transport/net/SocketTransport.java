package dev.belay.transport.net;

import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transport;
import dev.belay.transport.WriterThread;
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

    private final String name;
    private final TcpLink link;
    private final Duration writeTimeout;

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
        return link.read(buffer, offset, length, timeoutMillis);
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
