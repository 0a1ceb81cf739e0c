package dev.belay.transport.net;

import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transport;
import dev.belay.transport.TransportProvider;

/** Takes {@code socket://HOST:PORT} connection strings. */
public final class SocketTransportProvider implements TransportProvider {

    @Override
    public String describe() {
        return "socket://HOST:PORT (a serial port passed through raw TCP, e.g. by ser2net)";
    }

    @Override
    public boolean accepts(String connection) {
        return connection.regionMatches(true, 0, SocketTransport.SCHEME + "://", 0, 9);
    }

    @Override
    public Transport open(String connection, LinkOptions options) {
        return SocketTransport.open(connection, options);
    }

    /** {@code HOST:PORT}: see {@link NetAddress#lockName()}. */
    @Override
    public String lockName(String connection) {
        return NetAddress.parse(connection, SocketTransport.SCHEME).lockName();
    }
}
