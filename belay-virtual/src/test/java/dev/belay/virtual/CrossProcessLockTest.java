package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.belay.BoardBusyException;
import dev.belay.Device;
import dev.belay.DeviceOptions;
import dev.belay.transport.LockNames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs on one software board, as two Surefire forks or two {@code mvn} runs on one bench
 * board: the second waits for the first's lock file instead of failing on the port's own lock,
 * and a wait that runs out names the holder's PID. A program that locks only the port itself (as
 * picocom does) is waited for as well.
 */
class CrossProcessLockTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static VirtualBoard board;

    @BeforeAll
    static void startBoard() {
        board = VirtualBoards.start(BoardKind.MICROPYTHON);
    }

    @AfterAll
    static void stopBoard() {
        if (board != null) {
            board.close();
        }
    }

    @Test
    void aSecondProcessWaitsForTheFirstAndThenBothPass() throws Exception {
        Child first = Child.start(board.port(), "PT1M");
        Child second = null;
        try {
            first.awaitLine("connected: 2");
            second = Child.start(board.port(), "PT1M");
            Child waiting = second;
            await().atMost(PATIENCE).until(() -> waiting.output().contains("process " + first.pid() + " ("));
            assertThat(second.output()).doesNotContain("connected");

            first.release();
            assertThat(first.exitCode()).isZero();
            second.awaitLine("connected: 2");
            second.release();
            assertThat(second.exitCode()).isZero();
            assertThat(first.output()).contains("done: 4");
            assertThat(second.output()).contains("done: 4");
        } finally {
            first.stop();
            if (second != null) {
                second.stop();
            }
        }
    }

    @Test
    void aLockTimeoutNamesTheHoldersPid() throws Exception {
        Child holder = Child.start(board.port(), "PT1M");
        Child impatient = null;
        try {
            holder.awaitLine("connected: 2");
            impatient = Child.start(board.port(), "PT1S");
            assertThat(impatient.exitCode()).isEqualTo(3);
            assertThat(impatient.output()).contains("failed: Waited PT1S for the board " + board.port()
                    + " (lock file ", "but process " + holder.pid() + " (", "still holds it.",
                    "(kill " + holder.pid() + ")");
            holder.release();
            assertThat(holder.exitCode()).isZero();
        } finally {
            holder.stop();
            if (impatient != null) {
                impatient.stop();
            }
        }
    }

    @Test
    void aHolderThatIsKilledLetsGoOfTheBoard() throws Exception {
        Child killed = Child.start(board.port(), "PT1M");
        try {
            killed.awaitLine("connected: 2");
            killed.process.destroyForcibly();
            assertThat(killed.process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            // Its lock file may stay behind with its PID; no process holds its OS lock any more.
            try (Device device = Device.connect(board.port().toString(),
                    DeviceOptions.defaults().withLockTimeout(Duration.ofSeconds(5)))) {
                assertThat(device.eval("6 * 7")).isEqualTo(42L);
            }
        } finally {
            killed.stop();
        }
    }

    @Test
    void aPortHeldByAProgramWithoutALockFileIsWaitedForToo(@TempDir Path locks) throws Exception {
        Process terminal = holdPortLikePicocom();
        DeviceOptions options = DeviceOptions.defaults().withLockTimeout(PATIENCE).withLockDirectory(locks);
        CompletableFuture<Device> connecting = CompletableFuture.supplyAsync(
                () -> Device.connect(board.port().toString(), options));
        try {
            // Our lock file is written before the port is tried: once it is there, the port's own lock is what we wait on.
            Path lockFile = locks.resolve("LCK.." + LockNames.device(board.port().toString()));
            await().atMost(PATIENCE).until(() -> Files.exists(lockFile));
            assertThat(connecting).isNotDone();
            release(terminal);
            try (Device device = connecting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                assertThat(device.eval("6 * 7")).isEqualTo(42L);
            }
        } finally {
            stop(terminal);
            connecting.thenAccept(Device::close);
        }
    }

    @Test
    void aPortHeldByAProgramWithoutALockFileIsNamedWhenTheWaitEnds(@TempDir Path locks) throws Exception {
        Process terminal = holdPortLikePicocom();
        try {
            DeviceOptions options = DeviceOptions.defaults().withLockTimeout(Duration.ofMillis(500)).withLockDirectory(locks);
            assertThatThrownBy(() -> Device.connect(board.port().toString(), options))
                    .isInstanceOf(BoardBusyException.class)
                    .hasMessageStartingWith("Waited PT0.5S for the board " + board.port() + ". The serial port ")
                    .hasMessageContaining("process " + terminal.pid() + " (flock -o ")
                    .hasMessageEndingWith("Or allow more time with DeviceOptions.withLockTimeout (belay.lockTimeout in JUnit).");
        } finally {
            stop(terminal);
        }
    }

    /** flock(1) holding the port's own lock, as picocom does, writing no lock file; it lets go at a line on stdin. */
    private static Process holdPortLikePicocom() throws Exception {
        Process flock = new ProcessBuilder("flock", "-o", board.port().toRealPath().toString(), "sh", "-c",
                "echo locked; read line").start();
        try {
            // Read on another thread, so a flock that never says it holds the lock cannot hang the test.
            String first = CompletableFuture.supplyAsync(() -> firstLine(flock)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(first).isEqualTo("locked");
            return flock;
        } catch (Exception | AssertionError e) {
            stop(flock);
            throw e;
        }
    }

    private static String firstLine(Process process) {
        try {
            return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void release(Process holder) throws IOException {
        holder.getOutputStream().write('\n');
        holder.getOutputStream().flush();
    }

    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** A {@link BoardHoldingProcess} in its own JVM, with its output (standard error included) collected. */
    private static final class Child {
        private static final int MAX_LINES = 500;

        private final Process process;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        private Child(Process process) {
            this.process = process;
            Thread reader = new Thread(this::collect, "child-" + process.pid() + "-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path port, String lockTimeout) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            return new Child(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    BoardHoldingProcess.class.getName(), port.toString(), lockTimeout)
                    .redirectErrorStream(true).start());
        }

        private void collect() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (lines.size() < MAX_LINES) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // The process ended; what it printed is kept.
            }
        }

        long pid() {
            return process.pid();
        }

        String output() {
            return String.join("\n", lines);
        }

        void awaitLine(String line) {
            await().atMost(PATIENCE).until(() -> lines.contains(line) || !process.isAlive());
            assertThat(lines).as("output of process %d", pid()).contains(line);
        }

        /** Lets the child make its last call and close. */
        void release() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write('\n');
            in.flush();
        }

        int exitCode() throws InterruptedException {
            assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("process %d ended", pid()).isTrue();
            return process.exitValue();
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
