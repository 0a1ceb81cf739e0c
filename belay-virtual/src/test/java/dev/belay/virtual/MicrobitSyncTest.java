package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.sync.SyncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The micro:bit: a flat 14 KB filesystem, no os.rename, no hashlib, no binascii. */
class MicrobitSyncTest extends SyncContract {

    @Override
    BoardKind kind() {
        return BoardKind.MICROBIT;
    }

    @Test
    void aTreeWithSubfoldersIsRefusedBeforeAnythingIsWritten() throws IOException {
        write("main.py", "x = 1\n");
        write("lib/sensor.py", "y = 2\n");
        assertThatThrownBy(() -> device.sync(local))
                .isInstanceOf(SyncException.class)
                .hasMessageStartingWith("This board's firmware has no folders (no os.stat, os.mkdir), but ")
                .hasMessageContaining("has subfolders: [lib]. Nothing was written.");
        assertThat(boardFiles()).doesNotContain("main.py");
    }

    @Test
    void aFullFilesystemIsReportedNamingTheFileAndLeavesTheOldFilesWhole() throws IOException {
        write("keep.py", "kept = True\n");
        device.sync(local);
        write("huge.bin", randomBytes(20_000, 4));
        assertThatThrownBy(() -> device.sync(local))
                .isInstanceOf(SyncException.class)
                .hasMessageStartingWith("The board's filesystem is full: writing huge.bin (20000 bytes) failed with OSError");
        assertThat(new String(boardFile("keep.py"), StandardCharsets.UTF_8)).isEqualTo("kept = True\n");
        assertThat(boardFiles()).doesNotContain("huge.bin", "huge.bin.belay-tmp");
    }

    /** The helpers are removed after each sync to give the 9 KB heap back, so they come again: 12 definitions, a probe and the listing. */
    @Override
    int unchangedResyncRoundTrips() {
        return 14;
    }

    /** Large for a 14 KB filesystem that must hold the old file and its replacement at once: 17 chunks. */
    @Override
    int largeFileSize() {
        return 4_000;
    }
}
