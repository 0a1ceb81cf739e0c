package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.sync.SyncOptions;
import dev.belay.sync.SyncResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** MicroPython 1.27: folders, os.rename, hashlib and binascii. */
class MicroPythonSyncTest extends SyncContract {

    @Override
    BoardKind kind() {
        return BoardKind.MICROPYTHON;
    }

    @Test
    void subfoldersAreCreatedAndRemoved() throws IOException {
        write("main.py", "x = 1\n");
        write("drivers/sensor/bme.py", "y = 2\n");
        device.sync(local);
        assertThat(new String(boardFile("/drivers/sensor/bme.py"), StandardCharsets.UTF_8)).isEqualTo("y = 2\n");
        Files.delete(local.resolve("drivers/sensor/bme.py"));
        Files.delete(local.resolve("drivers/sensor"));
        SyncResult result = device.sync(local);
        assertThat(result.deleted()).containsExactly("drivers/sensor/bme.py", "drivers/sensor");
        assertThat(device.eval("__import__('os').listdir('/drivers')")).isEqualTo(List.of());
    }

    @Test
    void aDestinationFolderIsMirroredWithoutTouchingTheRest() throws IOException {
        write("app.py", "x = 1\n");
        device.exec("with open('/other.py', 'w') as f:\n    f.write('x')", dev.belay.Record.NO);
        device.sync(local, SyncOptions.defaults().withDestination("/app"));
        assertThat(new String(boardFile("/app/app.py"), StandardCharsets.UTF_8)).isEqualTo("x = 1\n");
        assertThat(boardFiles()).contains("other.py", "app");
    }

    @Test
    void theDefaultIgnoresLeaveOutPycacheAndPyc() throws IOException {
        write("a.py", "a = 1\n");
        write("__pycache__/a.cpython-311.pyc", "x");
        write(".DS_Store", "x");
        SyncResult result = device.sync(local);
        assertThat(result.written()).containsExactly("a.py");
    }

    @Test
    void onABoardWithFoldersButNoRenameANewFileIsWrittenAndAChangedOneReplaced() throws IOException {
        write("old.py", "a = 1\n");
        device.sync(local);
        // The first sync installed the helpers; from now on they see an os without rename, as on
        // firmware built without it (a builtin module's rename cannot be deleted).
        device.exec("class _TestOs:\n    pass\n_belay_os = _TestOs()\nfor _n in dir(__import__('os')):\n"
                + "    if _n != 'rename':\n        setattr(_belay_os, _n, getattr(__import__('os'), _n))",
                dev.belay.Record.NO);
        assertThat(device.eval("hasattr(_belay_os, 'rename'), hasattr(_belay_os, 'stat')"))
                .isEqualTo(List.of(false, true));
        write("new.py", "b = 2\n");
        write("old.py", "a = 3\n");
        SyncResult result = device.sync(local);
        assertThat(result.written()).containsExactlyInAnyOrder("new.py", "old.py");
        assertThat(new String(boardFile("/new.py"), StandardCharsets.UTF_8)).isEqualTo("b = 2\n");
        assertThat(new String(boardFile("/old.py"), StandardCharsets.UTF_8)).isEqualTo("a = 3\n");
        assertThat(boardFiles()).noneMatch(name -> name.endsWith(".belay-tmp"));
    }

    /**
     * Unplugged at a moment of the sync chosen at random, even in the middle of a command, each file
     * is old or new. Only with os.rename: without it a file being replaced by a copy can be torn
     * (see docs/sync.md), and the next sync rewrites it.
     */
    @Test
    void anUnplugAtAnyMomentOfASyncLeavesEachFileOldOrNew() throws Exception {
        long seed = Long.getLong("belay.seed", System.nanoTime());
        Random random = new Random(seed);
        byte[] oldBig = randomBytes(largeFileSize(), 2);
        byte[] newBig = randomBytes(largeFileSize(), 3);
        for (int round = 0; round < 5; round++) {
            // Past a random byte of the first 80 %, then up to 20 ms on: 40 KB or more are still to
            // go, which take far longer, so the unplug lands in the middle of the sync, often of a command.
            long threshold = 1 + random.nextInt(largeFileSize() * 4 / 5);
            Duration delay = Duration.ofMillis(random.nextInt(20));
            boolean cut = interruptSync(oldBig, newBig, (files, bytes, total) -> bytes >= threshold, delay);
            String where = "seed " + seed + ", round " + round + ", unplugged " + delay.toMillis() + " ms after byte "
                    + threshold;
            assertThat(cut).as(where).isTrue();
            assertThat(boardHash("big.bin")).as(where).isIn(localHash(oldBig), localHash(newBig));
            assertThat(boardHash("small.py")).as(where).isIn(localHash(OLD_SMALL), localHash(NEW_SMALL));
        }
    }

    /** The board hashes the whole tree in one round trip. */
    @Override
    int unchangedResyncRoundTrips() {
        return 1;
    }

    @Override
    int largeFileSize() {
        return 200_000;
    }
}
