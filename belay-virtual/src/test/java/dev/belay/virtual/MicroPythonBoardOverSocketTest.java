package dev.belay.virtual;

import org.junit.jupiter.api.AfterAll;

/** MicroPython 1.27 on WebAssembly, through ser2net's raw TCP port ({@code socket://}): no negotiation, no modem lines. */
class MicroPythonBoardOverSocketTest extends BoardContract {

    private final Ser2NetServers servers = new Ser2NetServers(Ser2Net.Accepter.RAW);

    @Override
    BoardKind kind() {
        return BoardKind.MICROPYTHON;
    }

    @Override
    String connectionTo(VirtualBoard board) {
        return servers.connectionTo(board);
    }

    @AfterAll
    void stopServers() {
        servers.close();
    }
}
