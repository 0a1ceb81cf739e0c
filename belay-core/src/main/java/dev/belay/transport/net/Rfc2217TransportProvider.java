package dev.belay.transport.net;

import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transport;
import dev.belay.transport.TransportProvider;
import java.util.Locale;

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

    /**
     * {@code HOST:PORT}, the host in lower case: the server serves one client per port, and the
     * board behind it is the same whichever machine on the lab's network asks.
     */
    @Override
    public String lockName(String connection) {
        NetAddress address = NetAddress.parse(connection, Rfc2217Transport.SCHEME);
        return address.host().toLowerCase(Locale.ROOT) + ":" + address.port();
    }
}
