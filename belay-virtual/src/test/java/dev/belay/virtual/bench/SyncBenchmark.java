package dev.belay.virtual.bench;

import dev.belay.Device;
import dev.belay.DeviceOptions;
import dev.belay.sync.SyncResult;
import dev.belay.virtual.BoardKind;
import dev.belay.virtual.VirtualBoard;
import dev.belay.virtual.VirtualBoards;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Prints what file sync achieves on a software board: the write throughput of one binary file,
 * and a first and an unchanged sync of 50 small modules. Run by {@link ReplBenchmark}.
 */
final class SyncBenchmark {

    private SyncBenchmark() {}

    static void run(BoardKind kind, int... fileSizes) {
        Path folder = temporaryFolder();
        try {
            // Each part on a fresh board: a micro:bit's few KB of heap do not outlast both.
            try (VirtualBoard board = VirtualBoards.start(kind); Device device = connect(board)) {
                for (int size : fileSizes) {
                    clear(folder);
                    byte[] content = new byte[size];
                    new Random(size).nextBytes(content);
                    Files.write(folder.resolve("blob.bin"), content);
                    SyncResult result = device.sync(folder);
                    System.out.printf(Locale.ROOT, "%-12s write a %3d KiB binary file: %7.1f ms, %6.1f KiB/s%n",
                            kind.id(), size / 1024, millis(result), size / 1024.0 / (result.duration().toNanos() / 1e9));
                }
            }
            clear(folder);
            for (int i = 0; i < 50; i++) {
                Files.writeString(folder.resolve("module_" + i + ".py"),
                        "# module " + i + "\nVALUE = " + i + "\n\ndef value():\n    return VALUE * 2\n");
            }
            try (VirtualBoard board = VirtualBoards.start(kind); Device device = connect(board)) {
                SyncResult first = device.sync(folder);
                SyncResult again = device.sync(folder);
                System.out.printf(Locale.ROOT, "%-12s 50 small .py files: first sync %.1f ms (%d round trips), unchanged "
                        + "re-sync %.1f ms (%d round trips)%n", kind.id(), millis(first), first.roundTrips(),
                        millis(again), again.roundTrips());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(folder);
        }
    }

    private static Device connect(VirtualBoard board) {
        return Device.connect(board.port().toString(), DeviceOptions.defaults().withTimeout(Duration.ofMinutes(2)));
    }

    private static double millis(SyncResult result) {
        return result.duration().toNanos() / 1e6;
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("belay-sync-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void clear(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder harms nothing.
        }
    }
}
