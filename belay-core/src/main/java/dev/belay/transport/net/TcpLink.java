package dev.belay.transport.net;

import dev.belay.ConnectionException;
import dev.belay.ConnectionLostException;
import dev.belay.transport.LinkOptions;
import dev.belay.transport.SocketOptions;
import dev.belay.transport.WriterThread;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;

/**
 * A TCP connection to a serial server, shared by the raw and the RFC 2217 transport: connecting
 * with messages that name the cause, reading raw bytes within a timeout, writing through a
 * {@link WriterThread} so that a server that stops taking bytes ends the write after the write
 * timeout, and turning a closed or reset connection into {@link ConnectionLostException}.
 *
 * <pre>{@code
 * TcpLink link = TcpLink.connect("socket://10.0.0.5:4000", NetAddress.parse(...), LinkOptions.defaults());
 * int n = link.read(buffer, 0, buffer.length, 100); // 0 when nothing came within 100 ms
 * }</pre>
 */
final class TcpLink {

    /** Keep-alive probes: first after 10 s idle, then every 5 s, gone after 3 unanswered (about 25 s). */
    private static final int KEEPALIVE_IDLE_SECONDS = 10;
    private static final int KEEPALIVE_INTERVAL_SECONDS = 5;
    private static final int KEEPALIVE_PROBES = 3;

    private final String name;
    private final NetAddress address;
    private final Socket socket;
    private final InputStream in;
    private final WriterThread writer;
    private volatile boolean closed;
    private int soTimeout = -1;

    private TcpLink(String name, NetAddress address, Socket socket, Duration writeTimeout) throws IOException {
        this.name = name;
        this.address = address;
        this.socket = socket;
        this.in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        this.writer = new WriterThread((data, offset, length) -> {
            out.write(data, offset, length);
            out.flush();
        }, writeTimeout, "belay-tcp-writer " + address);
    }

    /**
     * Connects within the connect timeout, with keep-alive on (a server that vanished from the
     * network is noticed even while nothing is written) and Nagle's delay off (a Ctrl-C or a
     * raw-paste window byte goes out at once).
     *
     * @throws ConnectionException naming the cause (unknown host, nothing listening, no answer) and the remedy
     */
    static TcpLink connect(String name, NetAddress address, LinkOptions options) {
        Socket socket = new Socket();
        try {
            SocketOptions.keepAlive(socket, KEEPALIVE_IDLE_SECONDS, KEEPALIVE_INTERVAL_SECONDS, KEEPALIVE_PROBES);
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address.host(), address.port()),
                    (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()));
            return new TcpLink(name, address, socket, options.writeTimeout());
        } catch (IOException e) {
            closeQuietly(socket);
            throw connectFailure(name, address, options.connectTimeout(), e);
        }
    }

    static ConnectionException connectFailure(String name, NetAddress address, Duration timeout, IOException e) {
        String host = address.host();
        if (e instanceof UnknownHostException) {
            return new ConnectionException("The host '" + host + "' of " + name + " is unknown: no address was found "
                    + "for it. Check the name, or give the server's IP address.", e);
        }
        if (e instanceof ConnectException) {
            return new ConnectionException("Nothing accepts connections on " + host + " port " + address.port()
                    + " (connection refused): is ser2net running on " + host + ", listening on " + address.port()
                    + "? Check the port in its accepter line, and that the accepter is not bound to 127.0.0.1 "
                    + "when you connect from another machine.", e);
        }
        if (e instanceof SocketTimeoutException) {
            return new ConnectionException(String.format(Locale.ROOT, "%s port %d did not accept a connection within "
                    + "%.1f s: the host is off or unreachable, or a firewall drops the connection. Check that you "
                    + "can reach it (ping %s), or allow more time with DeviceOptions.withConnectTimeout.", host,
                    address.port(), timeout.toMillis() / 1000.0, host), e);
        }
        if (e instanceof NoRouteToHostException) {
            return new ConnectionException("There is no route to " + host + " (for " + name + "): the host is off "
                    + "or not on a network this machine reaches.", e);
        }
        return new ConnectionException("Could not connect to " + name + ": " + e.getMessage() + ".", e);
    }

    /**
     * Reads what has arrived, waiting up to {@code timeoutMillis} (at least a moment, so a
     * connection the server closed is noticed even by a read that does not wait).
     *
     * @return the bytes read, 0 when none arrived in time
     * @throws ConnectionLostException when the server closed or reset the connection
     */
    int read(byte[] buffer, int offset, int length, long timeoutMillis) {
        try {
            int wait = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMillis));
            if (wait != soTimeout) {
                socket.setSoTimeout(wait);
                soTimeout = wait;
            }
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                throw lost("the server closed the connection", null);
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (IOException e) {
            throw lost(closed ? "it was closed" : "the connection failed (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Hands the bytes to the writer thread and waits until the socket took them.
     *
     * @return false when the socket took no byte for the write timeout (the bytes stay queued)
     * @throws ConnectionLostException when the connection failed
     */
    boolean write(byte[] wire, int offset, int length) {
        try {
            return writer.write(wire, offset, length);
        } catch (IOException e) {
            throw lost(closed ? "it was closed" : "the connection failed (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionLostException("Interrupted while writing to " + name + ".", e);
        }
    }

    /** Bytes that can be read without waiting; 0 also once the connection ended. */
    int available() {
        try {
            return in.available();
        } catch (IOException e) {
            return 0;
        }
    }

    ConnectionLostException lost(String what, Exception cause) {
        return new ConnectionLostException("The connection to " + name + " ended: " + what + ". The serial server "
                + "(ser2net) stopped or restarted, the network failed, or the server lost the board's serial port "
                + "(unplugged).", cause);
    }

    NetAddress address() {
        return address;
    }

    void close() {
        closed = true;
        writer.close();
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a socket that failed: nothing is left to release.
        }
    }
}
