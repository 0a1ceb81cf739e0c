package dev.belay.virtual;

import dev.belay.DeviceOptions;
import dev.belay.Implementation;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/** The Device API on the micro:bit firmware in QEMU, through ser2net's RFC 2217 port. */
class MicrobitCallingOverRfc2217Test extends CallingContract {

    private final Rfc2217Boards boards = new Rfc2217Boards(kind());

    @Override
    BoardKind kind() {
        return BoardKind.MICROBIT;
    }

    @Override
    DeviceOptions options() {
        return DeviceOptions.defaults();
    }

    @Override
    Implementation expectedImplementation() {
        return new Implementation("micropython", "1.9.2", "microbit", null, Set.of(), null);
    }

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
