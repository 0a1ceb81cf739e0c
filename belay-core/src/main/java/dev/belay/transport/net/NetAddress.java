package dev.belay.transport.net;

import dev.belay.ConnectionException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The host and TCP port of a {@code rfc2217://HOST:PORT} or {@code socket://HOST:PORT}
 * connection string. The port has no default: a serial server gives each serial port a TCP
 * port of its own, so guessing one would reach the wrong board.
 *
 * <pre>{@code
 * NetAddress address = NetAddress.parse("rfc2217://192.168.1.20:4000", "rfc2217");
 * address.host(); // "192.168.1.20"
 * address.port(); // 4000
 * }</pre>
 */
record NetAddress(String host, int port) {

    /**
     * Reads the host and port after {@code scheme://}.
     *
     * @throws ConnectionException naming the form to write when the string has no host or port
     */
    static NetAddress parse(String connection, String scheme) {
        String form = scheme + "://HOST:PORT, e.g. " + scheme + "://192.168.1.20:4000";
        URI uri;
        try {
            uri = new URI(connection);
        } catch (URISyntaxException e) {
            throw new ConnectionException("'" + connection + "' is not a network address: " + e.getReason()
                    + ". Write it as " + form + ".", e);
        }
        if (!scheme.equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new ConnectionException("'" + connection + "' names no host. Write it as " + form + ".");
        }
        if (uri.getPort() == -1) {
            throw new ConnectionException("'" + connection + "' names no TCP port. A serial server listens on a port "
                    + "of its own for each serial port (ser2net: the number in the accepter line); write it as "
                    + form + ".");
        }
        if (uri.getPort() == 0 || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
            throw new ConnectionException("'" + connection + "' is not a network address. Write it as " + form + ".");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new NetAddress(host, uri.getPort());
    }

    /**
     * The board's lock name, {@code host:port} with the host in lower case: the server serves one
     * client per port, and the board behind it is the same whichever machine asks.
     */
    String lockName() {
        return toString().toLowerCase(Locale.ROOT);
    }

    /** {@code host:port}, with an IPv6 host in brackets, for messages. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
