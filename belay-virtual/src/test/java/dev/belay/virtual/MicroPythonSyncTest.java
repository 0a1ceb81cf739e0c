package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.sync.SyncOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.belay.sync.SyncResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
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

    /*
     * On the micro:bit the same test runs out of heap after the reconnect in some runs ("parser could
     * not allocate enough memory" while writing a chunk), so it runs here only; see docs/sync.md.
     */
    @Test
    void anUnplugWhileALargeFileIsWrittenLeavesEveryFileWhole() throws Exception {
        byte[] oldBig = randomBytes(200_000, 2);
        byte[] newBig = randomBytes(200_000, 3);
        write("big.bin", oldBig);
        write("small.py", "v = 1\n");
        device.sync(local);
        write("big.bin", newBig);
        write("small.py", "v = 2\n");
        AtomicBoolean pulled = new AtomicBoolean();
        SyncResult result = device.sync(local, SyncOptions.defaults().withListener((files, totalFiles, bytes, total) -> {
            if (bytes > 0 && bytes < total && pulled.compareAndSet(false, true)) {
                board.unplug();
                later.schedule(board::replug, 1, TimeUnit.SECONDS);
            }
        }));
        assertThat(pulled).isTrue();
        assertThat(result.written()).isNotNull();
        // Compared by hash: reading 200 KB back, or 3 KB on a micro:bit's heap, costs more than it proves.
        assertThat(boardHash("big.bin")).isIn(localHash(oldBig), localHash(newBig));
        assertThat(boardHash("big.bin")).isEqualTo(localHash(newBig));
        assertThat(new String(boardFile("small.py"), StandardCharsets.UTF_8)).isIn("v = 1\n", "v = 2\n");
        assertThat(boardFiles()).noneMatch(name -> name.endsWith(".belay-tmp"));
    }

    /** The board hashes the whole tree in one round trip. */
    @Override
    int unchangedResyncRoundTrips() {
        return 1;
    }
}
