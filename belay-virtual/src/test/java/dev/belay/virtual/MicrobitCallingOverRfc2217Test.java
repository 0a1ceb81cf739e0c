package dev.belay.virtual;

import org.junit.jupiter.api.AfterAll;

/** The Device API on the micro:bit firmware in QEMU, through ser2net's RFC 2217 port: the pty run's tests, over the network. */
class MicrobitCallingOverRfc2217Test extends MicrobitCallingTest {

    private final Rfc2217Boards boards = new Rfc2217Boards(kind());

    @Override
    String connection() {
        return boards.shared();
    }

    @Override
    String connectionTo(VirtualBoard board) {
        return boards.connectionTo(board);
    }

    @AfterAll
    void stopBoards() {
        boards.close();
    }
}
