package dev.belay.virtual;

import org.junit.jupiter.api.AfterAll;

/** The micro:bit firmware in QEMU, through ser2net's RFC 2217 port ({@code rfc2217://}), as a board on a lab machine's USB is reached. */
class MicrobitBoardOverRfc2217Test extends BoardContract {

    private final Ser2NetServers servers = new Ser2NetServers(Ser2Net.Accepter.RFC2217);

    @Override
    BoardKind kind() {
        return BoardKind.MICROBIT;
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
