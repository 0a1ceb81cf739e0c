package dev.belay.virtual;

import org.junit.jupiter.api.AfterEach;

/** File sync on the micro:bit firmware in QEMU, through ser2net's RFC 2217 port: raw-paste and binary data over telnet. */
class MicrobitSyncOverRfc2217Test extends SyncContract {

    private final Ser2NetServers servers = new Ser2NetServers(Ser2Net.Accepter.RFC2217);

    @Override
    BoardKind kind() {
        return BoardKind.MICROBIT;
    }

    @Override
    String connectionTo(VirtualBoard board) {
        return servers.connectionTo(board);
    }

    @Override
    int unchangedResyncRoundTrips() {
        return 14;
    }

    @Override
    int largeFileSize() {
        return 4_000;
    }

    @AfterEach
    void stopServers() {
        servers.close();
    }
}
