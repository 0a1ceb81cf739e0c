package dev.belay.virtual;

import org.junit.jupiter.api.AfterAll;

/** MicroPython 1.27 on WebAssembly, through ser2net's RFC 2217 port ({@code rfc2217://}), as a board on a lab machine's USB is reached. */
class MicroPythonBoardOverRfc2217Test extends BoardContract {

    private final Ser2NetServers servers = new Ser2NetServers(Ser2Net.Accepter.RFC2217);

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
