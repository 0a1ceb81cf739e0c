package dev.belay.transport.webrepl;

import dev.belay.transport.LinkOptions;
import dev.belay.transport.LockNames;
import dev.belay.transport.Transport;
import dev.belay.transport.TransportProvider;

/** Takes {@code ws://} (and, to refuse it with a reason, {@code wss://}) connection strings. */
public final class WebReplTransportProvider implements TransportProvider {

    @Override
    public String describe() {
        return "ws://HOST[:PORT] (a board's WebREPL, port 8266 by default, with DeviceOptions.withPassword)";
    }

    @Override
    public boolean accepts(String connection) {
        return connection.regionMatches(true, 0, "ws://", 0, 5) || connection.regionMatches(true, 0, "wss://", 0, 6);
    }

    @Override
    public Transport open(String connection, LinkOptions options) {
        return WebReplTransport.open(connection, options);
    }

    /** {@code HOST:PORT}: one WebREPL session at a time is all a board serves. */
    @Override
    public String lockName(String connection) {
        return LockNames.hostPort(connection, WebReplTransport.DEFAULT_PORT);
    }
}
