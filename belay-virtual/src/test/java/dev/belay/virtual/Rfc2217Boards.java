package dev.belay.virtual;

/**
 * A software board started by a test class and reached through ser2net's RFC 2217 port, for the
 * contracts that otherwise use a {@code virtual:} board of their own.
 */
final class Rfc2217Boards implements AutoCloseable {

    private final BoardKind kind;
    private final Ser2NetServers servers = new Ser2NetServers(Ser2Net.Accepter.RFC2217);
    private VirtualBoard shared;

    Rfc2217Boards(BoardKind kind) {
        this.kind = kind;
    }

    /** The {@code rfc2217://} address of this class's board, started on first use. */
    synchronized String shared() {
        if (shared == null) {
            shared = VirtualBoards.start(kind);
        }
        return servers.connectionTo(shared);
    }

    /** The {@code rfc2217://} address of a board a test started. */
    String connectionTo(VirtualBoard board) {
        return servers.connectionTo(board);
    }

    /** Stops every ser2net, then the shared board. */
    @Override
    public synchronized void close() {
        try {
            servers.close();
        } finally {
            if (shared != null) {
                shared.close();
            }
        }
    }
}
