package dev.belay.virtual;

import org.junit.jupiter.api.AfterEach;

/** File sync on MicroPython 1.27 on WebAssembly, through ser2net's RFC 2217 port: raw-paste and binary data over telnet. */
class MicroPythonSyncOverRfc2217Test extends SyncContract {

    private final Ser2NetServers servers = new Ser2NetServers(Ser2Net.Accepter.RFC2217);

    @Override
    BoardKind kind() {
        return BoardKind.MICROPYTHON;
    }

    @Override
    String connectionTo(VirtualBoard board) {
        return servers.connectionTo(board);
    }

    @Override
    int unchangedResyncRoundTrips() {
        return 1;
    }

    /** Smaller than through the pty (200 KB): eight raw-paste pieces are enough to cut a write in the middle. */
    @Override
    int largeFileSize() {
        return 64_000;
    }

    @AfterEach
    void stopServers() {
        servers.close();
    }
}
