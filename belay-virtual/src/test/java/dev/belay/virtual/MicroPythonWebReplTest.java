package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.belay.AuthenticationException;
import dev.belay.BoardResetException;
import dev.belay.ConnectionException;
import dev.belay.ConnectionLostException;
import dev.belay.Device;
import dev.belay.DeviceOptions;
import dev.belay.Task;
import dev.belay.sync.SyncResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole stack over WebREPL: Belay's WebSocket client against the software board's WebREPL server. */
class MicroPythonWebReplTest {

    private static final String PASSWORD = "s3cret";

    private VirtualBoard board;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void startBoard() {
        board = VirtualBoards.startWithWebRepl(PASSWORD);
    }

    @AfterEach
    void stopBoard() {
        later.shutdownNow();
        board.close();
    }

    private String address() {
        return board.webRepl().orElseThrow();
    }

    private Device connect(DeviceOptions options) {
        return Device.connect(address(), options.withPassword(PASSWORD));
    }

    @Test
    void execEvalAndTasksWorkOverWebRepl() {
        try (Device device = connect(DeviceOptions.defaults())) {
            device.exec("import math");
            assertThat(device.eval("math.sqrt(16)", Double.class)).isEqualTo(4.0);
            Task add = device.task("def add(a, b):\n    return a + b");
            assertThat(add.call(int.class, 2, 3)).isEqualTo(5);
            assertThat(device.exec("print('Grüße 温度 ✓ 😀' * 40)")).startsWith("Grüße 温度 ✓ 😀Grüße");
        }
    }

    @Test
    void outputThatIsNotUtf8DoesNotEndTheSession() {
        try (Device device = connect(DeviceOptions.defaults())) {
            device.exec("import sys\nsys.stdout.buffer.write(b'\\xff\\xfe\\xc3')");
            assertThat(device.eval("1 + 1", Integer.class)).isEqualTo(2);
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> Device.connect(address(), DeviceOptions.defaults().withPassword("wrong1")))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("refused the WebREPL password (it answered 'Access denied')")
                .hasMessageNotContaining("wrong1");
    }

    @Test
    void aPasswordLongerThanTheFirmwareAcceptsIsRefusedBeforeConnecting() {
        assertThatThrownBy(() -> Device.connect(address(), DeviceOptions.defaults().withPassword("s3cret-and-more")))
                .isInstanceOf(ConnectionException.class)
                .isNotInstanceOf(AuthenticationException.class)
                .hasMessageContaining("has 15 characters, but a MicroPython board accepts at most 9")
                .hasMessageNotContaining("s3cret-and-more");
        // The board saw no login attempt: a right one still goes straight in.
        try (Device device = connect(DeviceOptions.defaults())) {
            assertThat(device.eval("7", Integer.class)).isEqualTo(7);
        }
    }

    @Test
    void aMissingPasswordSaysWhereToGiveIt() {
        assertThatThrownBy(() -> Device.connect(address()))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("needs its password")
                .hasMessageContaining("DeviceOptions.withPassword");
    }

    @Test
    void aSecondClientIsTurnedAwayWhileOneIsConnected(@TempDir Path ownLocks) {
        try (Device first = connect(DeviceOptions.defaults())) {
            // Belay's own lock would make the second wait for the first; a lock directory of its own gets it to the board.
            assertThatThrownBy(() -> connect(DeviceOptions.defaults().withConnectTimeout(Duration.ofSeconds(2))
                    .withLockDirectory(ownLocks)))
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("serves one client at a time");
            assertThat(first.eval("1", Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void aSoftResetEndsTheSessionAndBelayLogsInAgainByItselfEvenWithoutAttempts() {
        try (Device device = connect(DeviceOptions.defaults().withAttempts(0))) {
            device.exec("x = 41");
            device.softReset();
            assertThat(device.eval("'x' in globals()", Boolean.class)).isFalse();
            assertThat(device.eval("6 * 7", Integer.class)).isEqualTo(42);
        }
    }

    @Test
    void aResetFromInsideACallIsReportedAndTheHistoryReplayedInTheNewSession() {
        try (Device device = connect(DeviceOptions.defaults())) {
            device.exec("counter = 100");
            device.exec("counter += 1");
            assertThatThrownBy(() -> device.exec("import machine\nmachine.soft_reset()"))
                    .isInstanceOf(BoardResetException.class);
            assertThat(device.eval("counter", Integer.class)).isEqualTo(101);
        }
    }

    @Test
    void aHardResetIsNoticedAndTheStateRestoredBeforeTheNextCall() {
        try (Device device = connect(DeviceOptions.defaults())) {
            Task twice = device.task("def twice(n):\n    return 2 * n");
            device.exec("base = 5");
            board.hardReset();
            assertThat(device.ensureSession()).isTrue();
            assertThat(twice.call(int.class, device.eval("base", Integer.class))).isEqualTo(10);
        }
    }

    @Test
    void aBoardOffTheNetworkLongerThanTheConnectTimeoutIsReconnectedByTheAttempts() {
        DeviceOptions options = DeviceOptions.defaults().withAttempts(10).withConnectTimeout(Duration.ofSeconds(1));
        try (Device device = connect(options)) {
            device.exec("readings = [1, 2, 3]");
            board.unplug();
            later.schedule(board::replug, 3, TimeUnit.SECONDS);
            long start = System.nanoTime();
            assertThat(device.eval("sum(readings)", Integer.class)).isEqualTo(6);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(2_500));
        }
    }

    @Test
    void withoutAttemptsABoardOffTheNetworkFailsTheNextCallWithinTwoSecondsAndClosesAtOnce() {
        Device device = connect(DeviceOptions.defaults().withAttempts(0));
        board.unplug();
        long start = System.nanoTime();
        assertThatThrownBy(() -> device.eval("1"))
                .isInstanceOf(ConnectionLostException.class)
                .hasMessageContaining("The WebREPL session with " + address() + " ended")
                .hasMessageContaining("it took no new connection within 1.0 s")
                .hasMessageContaining("Reconnecting is off (attempts = 0)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        start = System.nanoTime();
        device.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void withoutAttemptsABoardWhoseProcessEndedFailsTheNextCallWithinTwoSeconds() {
        try (Device device = connect(DeviceOptions.defaults().withAttempts(0))) {
            device.exec("x = 1");
            board.close();
            long start = System.nanoTime();
            assertThatThrownBy(() -> device.eval("x"))
                    .isInstanceOf(ConnectionLostException.class)
                    .hasMessageContaining("Reconnecting is off (attempts = 0)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aCallerInterruptedWhileBelayLogsInAgainStopsAtOnceAndLeavesTheBoardFree() throws Exception {
        // With attempts, the transport waits the whole connect timeout for the board to come back.
        Device device = connect(DeviceOptions.defaults().withAttempts(1).withConnectTimeout(Duration.ofSeconds(5)));
        board.unplug();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                device.eval("1");
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        caller.start();
        // Interrupted while it waits for the board to come back: its thread says when it waits.
        await().atMost(Duration.ofSeconds(5)).until(() -> caller.getState() == Thread.State.TIMED_WAITING
                || caller.getState() == Thread.State.WAITING);
        long start = System.nanoTime();
        caller.interrupt();
        assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(ConnectionLostException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        device.close();
        board.replug();
        try (Device again = connect(DeviceOptions.defaults())) {
            assertThat(again.eval("2", Integer.class)).isEqualTo(2);
        }
    }

    @Test
    void aConnectionStringAloneStartsABoardAndTalksToItOverWebRepl() {
        try (Device device = Device.connect("virtual:micropython+webrepl")) {
            device.exec("z = 3");
            device.restore();
            assertThat(device.eval("z * 2", Integer.class)).isEqualTo(6);
            // The restore's soft reset ended the WebREPL session: the transport's event, not its
            // greeting (the login's, not the board's output), told the layers above.
            assertThat(device.transcript().since(0)).doesNotContain("WebREPL connected");
        }
        assertThatThrownBy(() -> Device.connect("virtual:microbit+webrepl"))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("Only virtual:micropython serves WebREPL");
    }

    @Test
    void aFolderSyncsOverWebReplAndAResyncSkipsWhatIsUnchanged(@TempDir Path local) throws Exception {
        Files.writeString(local.resolve("sensor.py"), "def read():\n    return 21\n");
        Files.createDirectories(local.resolve("lib"));
        byte[] blob = new byte[20_000];
        new java.util.Random(7).nextBytes(blob);
        Files.write(local.resolve("lib/blob.bin"), blob);
        try (Device device = connect(DeviceOptions.defaults())) {
            SyncResult first = device.sync(local);
            assertThat(first.written()).hasSize(2);
            SyncResult again = device.sync(local);
            assertThat(again.written()).isEmpty();
            device.exec("import sensor");
            assertThat(device.eval("sensor.read()", Integer.class)).isEqualTo(21);
            assertThat(device.eval("len(open('/lib/blob.bin', 'rb').read())", Integer.class)).isEqualTo(20_000);
        }
    }

    @Test
    void thePasswordNeverAppearsInTheTranscript() {
        try (Device device = connect(DeviceOptions.defaults())) {
            device.exec("y = 1");
            device.softReset();
            device.exec("y = 2");
            String transcript = device.transcript().since(0);
            assertThat(transcript).contains("y = 2").doesNotContain(PASSWORD);
        }
    }

    @Test
    void webReplThreadsDoNotKeepTheJvmAlive() {
        try (Device device = connect(DeviceOptions.defaults())) {
            device.eval("0");
            List<Thread> webSocketThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("WebSocket")).toList();
            assertThat(webSocketThreads).isNotEmpty().allMatch(Thread::isDaemon);
        }
    }
}
