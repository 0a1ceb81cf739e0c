package dev.belay.virtual;

import org.junit.jupiter.api.AfterEach;

/**
 * Reset detection, reconnect and replay on the micro:bit firmware in QEMU, through ser2net's RFC 2217 port: an
 * unplugged board makes ser2net close the connection, and until the board is back each new
 * connection is refused by ser2net with "Device open failure".
 */
class MicrobitReconnectOverRfc2217Test extends MicrobitReconnectTest {

    private final Ser2NetServers servers = new Ser2NetServers(Ser2Net.Accepter.RFC2217);

    /** Fewer than through the pty: the stress is on the board's resets, which the pty run covers. */
    @Override
    int hardResetsInARow() {
        return 10;
    }

    @Override
    String connectionTo(VirtualBoard board) {
        return servers.connectionTo(board);
    }

    @Override
    String unpluggedError(VirtualBoard board) {
        return "The server at " + servers.of(board).address() + " closed the connection during the RFC 2217 "
                + "negotiation, saying 'Device open failure: Value or file not found'.";
    }

    @AfterEach
    void stopServers() {
        servers.close();
    }
}
