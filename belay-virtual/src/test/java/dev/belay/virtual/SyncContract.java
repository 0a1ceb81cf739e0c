package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.ConnectionLostException;
import dev.belay.Device;
import dev.belay.DeviceOptions;
import dev.belay.HistoryEntry;
import dev.belay.Record;
import dev.belay.sync.SyncException;
import dev.belay.sync.SyncOptions;
import dev.belay.sync.SyncResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File sync on every software board; boards with folders get more in their subclass. */
abstract class SyncContract {

    @TempDir
    Path local;

    protected VirtualBoard board;
    protected Device device;
    protected final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    abstract BoardKind kind();

    /** The connection string the tests reach {@code board} by: its pty, as a USB board's serial port. */
    String connectionTo(VirtualBoard board) {
        return board.port().toString();
    }

    /** Reads a board file back in small pieces, which a board with a few KB of heap can hold. */
    protected byte[] boardFile(String path) {
        device.exec("def _test_chunks(p):\n    f = open(p, 'rb')\n    while True:\n        b = f.read(128)\n"
                + "        if not b:\n            break\n        yield b\n    f.close()", dev.belay.Record.NO);
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        try (java.util.stream.Stream<byte[]> chunks = device.task("def _test_read(p):\n    return _test_chunks(p)")
                .stream(byte[].class, path)) {
            chunks.forEach(content::writeBytes);
        }
        return content.toByteArray();
    }

    protected List<String> boardFiles() {
        @SuppressWarnings("unchecked")
        List<String> names = device.eval("sorted(__import__('os').listdir())", List.class);
        return names;
    }

    @BeforeEach
    void start() {
        board = VirtualBoards.start(kind());
        device = Device.connect(connectionTo(board), DeviceOptions.defaults().withAttempts(10));
    }

    @AfterEach
    void stop() {
        later.shutdownNow();
        try {
            device.close();
        } finally {
            board.close();
        }
    }

    protected void write(String relative, String content) throws IOException {
        write(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    protected void write(String relative, byte[] content) throws IOException {
        Path file = local.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    protected static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aFirstSyncWritesEveryFileByteForByte() throws IOException {
        write("main.py", "print('hi')\n");
        byte[] binary = randomBytes(700, 1);
        write("data.bin", binary);
        SyncResult result = device.sync(local);
        assertThat(result.written()).containsExactlyInAnyOrder("main.py", "data.bin");
        assertThat(result.bytesWritten()).isEqualTo(12 + 700);
        assertThat(boardFile("data.bin")).isEqualTo(binary);
        assertThat(new String(boardFile("main.py"), StandardCharsets.UTF_8)).isEqualTo("print('hi')\n");
    }

    @Test
    void anUnchangedResyncSkipsEveryFileInOneRoundTrip() throws IOException {
        write("a.py", "a = 1\n");
        write("b.py", "b = 2\n");
        device.sync(local);
        SyncResult again = device.sync(local);
        assertThat(again.written()).isEmpty();
        assertThat(again.skipped()).containsExactlyInAnyOrder("a.py", "b.py");
        assertThat(again.roundTrips()).isEqualTo(unchangedResyncRoundTrips());
    }

    @Test
    void onlyTheChangedFileIsWritten() throws IOException {
        write("a.py", "a = 1\n");
        write("b.py", "b = 2\n");
        device.sync(local);
        write("b.py", "b = 3\n");
        SyncResult result = device.sync(local);
        assertThat(result.written()).containsExactly("b.py");
        assertThat(new String(boardFile("b.py"), StandardCharsets.UTF_8)).isEqualTo("b = 3\n");
    }

    @Test
    void aFileDeletedLocallyIsDeletedOnTheBoardButKeptNamesStay() throws IOException {
        write("a.py", "a = 1\n");
        write("gone.py", "x = 0\n");
        device.exec("with open('boot.py', 'w') as f:\n    f.write('# the board owner\\'s')", Record.NO);
        device.sync(local);
        Files.delete(local.resolve("gone.py"));
        SyncResult result = device.sync(local);
        assertThat(result.deleted()).containsExactly("gone.py");
        assertThat(boardFiles()).contains("a.py", "boot.py").doesNotContain("gone.py");
    }

    @Test
    void ignoredFilesAreLeftOut() throws IOException {
        write("a.py", "a = 1\n");
        write("a.pyc", "compiled");
        write("notes.txt", "local only");
        SyncResult result = device.sync(local, SyncOptions.defaults().withIgnore(List.of("*.pyc", "*.txt")));
        assertThat(result.written()).containsExactly("a.py");
        assertThat(boardFiles()).doesNotContain("a.pyc", "notes.txt");
    }

    @Test
    void aMissingLocalFolderIsRefusedBeforeAnythingIsWritten() {
        Path missing = local.resolve("nope");
        assertThatThrownBy(() -> device.sync(missing))
                .isInstanceOf(SyncException.class)
                .hasMessage("The folder to sync, " + missing.toAbsolutePath() + ", does not exist. Nothing was written.");
    }

    @Test
    void aSyncIsReplayedAfterAResetAndPutsBackWhatWasLost() throws Exception {
        write("module.py", "value = 42\n");
        device.sync(local);
        device.exec("import os\nos.remove('" + (kind() == BoardKind.MICROBIT ? "" : "/") + "module.py')", Record.NO);
        board.hardReset();
        assertThat(device.ensureSession()).isTrue();
        assertThat(device.history()).extracting(HistoryEntry::kind).containsExactly(HistoryEntry.Kind.SYNC);
        device.exec("import module");
        assertThat(device.eval("module.value")).isEqualTo(42L);
    }

    /** small.py before and after the interrupted sync; checked by hash, which a micro:bit's heap holds better. */
    protected static final byte[] OLD_SMALL = "v = 1\n".getBytes(StandardCharsets.UTF_8);
    protected static final byte[] NEW_SMALL = "v = 2\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void anUnplugWhileALargeFileIsWrittenLeavesItsOldContentOnTheBoard() throws Exception {
        byte[] oldBig = randomBytes(largeFileSize(), 2);
        byte[] newBig = randomBytes(largeFileSize(), 3);
        interruptSync(oldBig, newBig, (files, bytes, total) -> files == 0 && bytes > 0 && bytes < total, null);
        // Seen on a fresh connection that replays nothing: the board as the unplug left it, the new
        // content's first piece in the temporary file.
        assertThat(boardHash("big.bin")).isEqualTo(localHash(oldBig));
        assertThat(boardHash("small.py")).isEqualTo(localHash(OLD_SMALL));
        assertThat(boardFiles()).contains("big.bin.belay-tmp");
        if (kind() == BoardKind.MICROPYTHON) {
            // On the micro:bit a file never closed reads back with another size (488 after one
            // 240-byte piece, measured), so only here is the piece itself checked.
            long written = ((Number) device.eval("__import__('os').stat('big.bin.belay-tmp')[6]")).longValue();
            assertThat(written).isPositive().isLessThan(newBig.length);
            assertThat(boardHash("big.bin.belay-tmp")).isEqualTo(localHash(java.util.Arrays.copyOf(newBig, (int) written)));
        }
    }

    @Test
    void anUnplugBetweenTwoFilesLeavesTheFirstNewAndTheSecondOld() throws Exception {
        byte[] oldBig = randomBytes(largeFileSize(), 2);
        byte[] newBig = randomBytes(largeFileSize(), 3);
        interruptSync(oldBig, newBig, (files, bytes, total) -> files == 1, null);
        assertThat(boardHash("big.bin")).isEqualTo(localHash(newBig));
        assertThat(boardHash("small.py")).isEqualTo(localHash(OLD_SMALL));
    }

    @Test
    void aSyncInterruptedByAnUnplugFinishesAfterTheReplug() throws Exception {
        byte[] newBig = randomBytes(largeFileSize(), 3);
        write("big.bin", randomBytes(largeFileSize(), 2));
        write("small.py", "v = 1\n");
        device.sync(local);
        write("big.bin", newBig);
        write("small.py", "v = 2\n");
        AtomicBoolean pulled = new AtomicBoolean();
        device.sync(local, SyncOptions.defaults().withListener((files, totalFiles, bytes, total) -> {
            if (bytes > 0 && bytes < total && pulled.compareAndSet(false, true)) {
                board.unplug();
                later.schedule(board::replug, 1, TimeUnit.SECONDS);
            }
        }));
        assertThat(pulled).isTrue();
        assertThat(boardHash("big.bin")).isEqualTo(localHash(newBig));
        assertThat(new String(boardFile("small.py"), StandardCharsets.UTF_8)).isEqualTo("v = 2\n");
        assertThat(boardFiles()).noneMatch(name -> name.endsWith(".belay-tmp"));
    }

    /** When, by files written and bytes of those to write, a sync is cut off. */
    protected interface UnplugPoint {
        boolean reached(int filesDone, long bytesDone, long bytesTotal);
    }

    /**
     * Syncs big.bin and small.py (old contents), then their new contents over a connection without
     * reconnect attempts, unplugging the board once the point is reached: at once, from the sync's
     * own thread between two commands, or after a delay from another thread, wherever the sync then
     * is. Then replugs and connects anew. The new connection has an empty history, so nothing is
     * replayed and no sync runs again: the test then sees the board's files as the unplug left them.
     *
     * @param delay null to unplug at once; else how long after the point to unplug
     * @return whether the unplug cut the sync off (else it came after the sync's last command)
     */
    protected boolean interruptSync(byte[] oldBig, byte[] newBig, UnplugPoint point, Duration delay) throws Exception {
        write("big.bin", oldBig);
        write("small.py", "v = 1\n");
        device.sync(local);
        device.close();
        device = Device.connect(connectionTo(board), DeviceOptions.defaults().withAttempts(0));
        write("big.bin", newBig);
        write("small.py", "v = 2\n");
        CompletableFuture<Void> unplugged = new CompletableFuture<>();
        SyncOptions unplugging = SyncOptions.defaults().withListener((files, totalFiles, bytes, total) -> {
            if (point.reached(files, bytes, total) && !unplugged.isDone()) {
                if (delay == null) {
                    board.unplug();
                    unplugged.complete(null);
                } else if (!pending.getAndSet(true)) {
                    later.schedule(() -> {
                        board.unplug();
                        unplugged.complete(null);
                    }, delay.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        });
        boolean cut = false;
        if (delay == null) {
            assertThatThrownBy(() -> device.sync(local, unplugging)).isInstanceOf(ConnectionLostException.class);
            cut = true;
        } else {
            try {
                device.sync(local, unplugging);
            } catch (ConnectionLostException e) {
                cut = true;
            }
        }
        unplugged.get(10, TimeUnit.SECONDS);
        pending.set(false);
        device.close();
        board.replug();
        device = Device.connect(connectionTo(board), DeviceOptions.defaults().withAttempts(10));
        assertThat(device.history()).isEmpty();
        return cut;
    }

    private final AtomicBoolean pending = new AtomicBoolean();

    @Test
    void aBoardFileWhoseNameHoldsANewlineIsDeletedLikeAnyOther() throws IOException {
        write("main.py", "x = 1\n");
        device.exec("with open('odd\\nname.py', 'w') as f:\n    f.write('x')", Record.NO);
        assertThat(boardFiles()).contains("odd\nname.py");
        SyncResult result = device.sync(local);
        assertThat(result.deleted()).containsExactly("odd\nname.py");
        assertThat(boardFiles()).contains("main.py").doesNotContain("odd\nname.py");
    }

    /** Commands an unchanged re-sync of two files takes on this board. */
    abstract int unchangedResyncRoundTrips();

    /** A file large for this board: several chunks, and room for it twice on its filesystem. */
    abstract int largeFileSize();

    /**
     * The board's hash of one of its files, as sync computes it: SHA-256 in hex, or FNV-1a on old
     * firmware, by a function of the test's own (the micro:bit's sync helpers are gone after a sync).
     */
    protected Object boardHash(String path) {
        if (kind() == BoardKind.MICROBIT) {
            device.exec("def _test_hash(p):\n    f = open(p, 'rb')\n    h = 0x811c9dc5\n    while True:\n"
                    + "        b = f.read(64)\n        if not b:\n            f.close()\n            return h\n"
                    + "        for c in b:\n            h = ((h ^ c) * 0x01000193) & 0xffffffff", Record.NO);
        } else {
            device.exec("def _test_hash(p):\n    import hashlib\n    h = hashlib.sha256()\n    f = open(p, 'rb')\n"
                    + "    while True:\n        b = f.read(1024)\n        if not b:\n            f.close()\n"
                    + "            return h.digest()\n        h.update(b)", Record.NO);
        }
        Object hash = device.eval("_test_hash(" + dev.belay.value.PythonLiteral.of(path) + ")");
        return hash instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : hash;
    }

    protected Object localHash(byte[] content) {
        if (kind() == BoardKind.MICROBIT) {
            long h = 0x811c9dc5L;
            for (byte b : content) {
                h = ((h ^ (b & 0xff)) * 0x01000193L) & 0xffffffffL;
            }
            return h;
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
