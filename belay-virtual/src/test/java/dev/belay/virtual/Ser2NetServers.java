package dev.belay.virtual;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One ser2net per software board, started the first time a test asks for the board's network
 * address: for the board contracts run through {@code rfc2217://} or {@code socket://}. The
 * subclass that uses it closes it after its tests.
 */
final class Ser2NetServers implements AutoCloseable {

    private final Ser2Net.Accepter accepter;
    private final Map<VirtualBoard, Ser2Net> servers = new ConcurrentHashMap<>();

    Ser2NetServers(Ser2Net.Accepter accepter) {
        this.accepter = accepter;
    }

    /** The connection string of the ser2net in front of {@code board}. */
    String connectionTo(VirtualBoard board) {
        return servers.computeIfAbsent(board, b -> Ser2Net.serve(b.port(), accepter)).connection();
    }

    /** The ser2net in front of {@code board}, once {@link #connectionTo} started it. */
    Ser2Net of(VirtualBoard board) {
        return servers.get(board);
    }

    /** Stops every ser2net started. */
    @Override
    public void close() {
        servers.values().forEach(Ser2Net::close);
        servers.clear();
    }
}
