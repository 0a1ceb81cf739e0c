package dev.belay.fuzz;

import dev.belay.ConnectionException;
import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transport;
import dev.belay.transport.TransportProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens {@code hostile:NAME}: a connection to the {@link HostileBoard} a test registered under
 * that name. The board stays registered (and keeps its state) across connections, like a board
 * on a cable.
 *
 * <pre>{@code
 * HostileBoard board = HostileBoardProvider.register("lane-1");
 * Device device = Device.connect("hostile:lane-1", options);
 * }</pre>
 */
public final class HostileBoardProvider implements TransportProvider {

    private static final String SCHEME = "hostile:";
    private static final Map<String, HostileBoard> BOARDS = new ConcurrentHashMap<>();

    /** A new board under {@code name}, replacing any earlier one. */
    static HostileBoard register(String name) {
        HostileBoard board = new HostileBoard();
        BOARDS.put(name, board);
        return board;
    }

    static void unregister(String name) {
        BOARDS.remove(name);
    }

    @Override
    public String describe() {
        return "hostile:NAME (the fuzz test's in-memory board)";
    }

    @Override
    public boolean accepts(String connection) {
        return connection.startsWith(SCHEME);
    }

    @Override
    public Transport open(String connection, LinkOptions options) {
        HostileBoard board = BOARDS.get(connection.substring(SCHEME.length()));
        if (board == null) {
            throw new ConnectionException("No hostile board is registered as '" + connection + "'; call "
                    + "HostileBoardProvider.register first.");
        }
        return board.connect(connection, options.writeTimeout());
    }
}
