package dev.belay.transport.net;

import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transport;
import dev.belay.transport.TransportProvider;

/** Takes {@code rfc2217://HOST:PORT} connection strings. */
public final class Rfc2217TransportProvider implements TransportProvider {

    @Override
    public String describe() {
        return "rfc2217://HOST:PORT (a serial port served by ser2net or another RFC 2217 server)";
    }

    @Override
    public boolean accepts(String connection) {
        return connection.regionMatches(true, 0, Rfc2217Transport.SCHEME + "://", 0, 10);
    }

    @Override
    public Transport open(String connection, LinkOptions options) {
        return Rfc2217Transport.open(connection, options);
    }

    /** {@code HOST:PORT}: see {@link NetAddress#lockName()}. */
    @Override
    public String lockName(String connection) {
        return NetAddress.parse(connection, Rfc2217Transport.SCHEME).lockName();
    }
}
