package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.belay.BoardResetException;
import dev.belay.ConnectionLostException;
import dev.belay.Device;
import dev.belay.DeviceException;
import dev.belay.DeviceOptions;
import dev.belay.HistoryEntry;
import dev.belay.Record;
import dev.belay.ReplayFailedException;
import dev.belay.Task;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reconnect and history replay, proven by pulling the plug of a software board. */
abstract class ReconnectContract {

    private VirtualBoard board;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    abstract BoardKind kind();

    /** How many hard resets in a row the stress test puts the board through. */
    abstract int hardResetsInARow();

    /** Code that restarts the board from inside a call, the way this firmware can. */
    abstract String resetStatement();

    /** The connection string the tests reach {@code board} by: its pty, as a USB board's serial port. */
    String connectionTo(VirtualBoard board) {
        return board.port().toString();
    }

    /** How the last try to reach an unplugged board fails: the port is not there. */
    String unpluggedError(VirtualBoard board) {
        return "No serial port at " + board.port();
    }

    @BeforeEach
    void startBoard() {
        board = VirtualBoards.start(kind());
    }

    @AfterEach
    void stopBoard() {
        later.shutdownNow();
        board.close();
    }

    private Device connect(int attempts) {
        return Device.connect(connectionTo(board), DeviceOptions.defaults().withAttempts(attempts));
    }

    private void replugAfter(Duration delay) {
        later.schedule(board::replug, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void withoutAttemptsAnUnplugFailsTheNextCallAtOnce() {
        try (Device device = connect(0)) {
            board.unplug();
            long start = System.nanoTime();
            assertThatThrownBy(() -> device.exec("pass"))
                    .isInstanceOf(ConnectionLostException.class)
                    .hasMessageContaining("Reconnecting is off (attempts = 0)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void aBoardGoneForGoodEndsInConnectionLostAfterTheAttempts() {
        try (Device device = connect(3)) {
            board.unplug();
            long start = System.nanoTime();
            assertThatThrownBy(() -> device.exec("pass"))
                    .isInstanceOf(ConnectionLostException.class)
                    .hasMessageStartingWith("Lost the connection to " + connectionTo(board)
                            + " and could not restore it: 3 attempts over ")
                    .hasMessageContaining("Last error: " + unpluggedError(board));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isBetween(Duration.ofMillis(2_900), Duration.ofSeconds(6));
        }
    }

    @Test
    void aReplugWithinTheAttemptsRestoresImportsGlobalsAndTasks() {
        try (Device device = connect(10)) {
            device.exec("import math");
            device.exec("radius = 2");
            Task area = device.task("def area():\n    return math.pi * radius * radius");
            device.exec("scratch = 'not recorded'", Record.NO);
            board.unplug();
            replugAfter(Duration.ofSeconds(2));
            assertThat(area.call(double.class)).isCloseTo(12.566, org.assertj.core.data.Offset.offset(0.001));
            assertThat(device.eval("'scratch' in globals()")).isEqualTo(false);
            assertThat(device.history()).extracting(HistoryEntry::kind).containsExactly(
                    HistoryEntry.Kind.EXEC, HistoryEntry.Kind.EXEC, HistoryEntry.Kind.TASK);
        }
    }

    @Test
    void negativeAttemptsWaitForeverForTheBoard() {
        try (Device device = connect(-1)) {
            device.exec("answer = 42");
            board.unplug();
            replugAfter(Duration.ofSeconds(5));
            assertThat(device.eval("answer")).isEqualTo(42L);
        }
    }

    @Test
    void theInterruptedCallRunsOnceAfterTheHistoryRanOnce() throws Exception {
        try (Device device = connect(10)) {
            device.exec("import time");
            device.exec("n = 0");
            device.exec("n += 1");
            Task bump = device.task("def bump():\n    global n\n    print('bumping')\n    time.sleep_ms(600)\n"
                    + "    n += 100\n    return n");
            long mark = device.transcript().position();
            CompletableFuture<Long> call = CompletableFuture.supplyAsync(() -> bump.call(long.class));
            // Unplugged while bump runs on the board, which says when it does.
            await().atMost(Duration.ofSeconds(10)).until(() -> device.transcript().since(mark).contains("bumping"));
            board.unplug();
            replugAfter(Duration.ofSeconds(1));
            assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(101L);
            assertThat(device.eval("n")).isEqualTo(101L);
        }
    }

    /**
     * A call sent while the board is still booting may meet the reset half way; then it is reported
     * (it may or may not have run) instead of being run again. Either way the state is back.
     */
    @Test
    void aHardResetWithoutPortErrorIsNoticedByTheNextCallAndReplayed() {
        try (Device device = connect(0)) {
            device.exec("kept = 'restored'");
            board.hardReset();
            Object kept;
            try {
                kept = device.eval("kept");
            } catch (BoardResetException overlapped) {
                kept = device.eval("kept");
            }
            assertThat(kept).isEqualTo("restored");
        }
    }

    @Test
    void ensureSessionNoticesAResetAndReplays() throws Exception {
        try (Device device = connect(0)) {
            device.exec("kept = 'restored'");
            assertThat(device.ensureSession()).isFalse();
            board.hardReset();
            assertThat(device.ensureSession()).isTrue();
            assertThat(device.eval("kept")).isEqualTo("restored");
        }
    }

    @Test
    void everyHardResetFollowedAtOnceByEnsureSessionIsRestored() {
        try (Device device = connect(0)) {
            device.exec("kept = 'restored'");
            device.task("def twice(x):\n    return 2 * x");
            for (int reset = 1; reset <= hardResetsInARow(); reset++) {
                board.hardReset();
                assertThat(device.ensureSession()).as("ensureSession after hard reset %d", reset).isTrue();
                assertThat(device.eval("(kept, twice(" + reset + "))")).as("state after hard reset %d", reset)
                        .isEqualTo(java.util.List.of("restored", 2L * reset));
            }
        }
    }

    @Test
    void aCallThatResetsTheBoardIsReportedAndTheStateRestoredWithoutRunningItAgain() {
        try (Device device = connect(0)) {
            device.exec("kept = 'restored'");
            device.exec("runs = 0");
            assertThatThrownBy(() -> device.exec("runs += 1\n" + resetStatement(), Record.NO))
                    .isInstanceOf(BoardResetException.class)
                    .hasMessageContaining("was not run again");
            assertThat(device.eval("(kept, runs)")).isEqualTo(java.util.List.of("restored", 0L));
        }
    }

    @Test
    void anEntryIsReplayedUnderTheDeadlineItWasRecordedWith() {
        DeviceOptions shortDeadline = DeviceOptions.defaults().withAttempts(0).withTimeout(Duration.ofSeconds(2));
        try (Device device = Device.connect(connectionTo(board), shortDeadline)) {
            device.withTimeout(Duration.ofSeconds(10)).exec("import time\ntime.sleep_ms(2500)\nslow = 'done'");
            board.hardReset();
            assertThat(device.ensureSession()).isTrue();
            assertThat(device.eval("slow")).isEqualTo("done");
        }
    }

    @Test
    void aHistoryEntryThatFailsOnReplayIsNamed() throws Exception {
        try (Device device = connect(0)) {
            device.exec("with open('tempmod.py', 'w') as f:\n    f.write('value = 1')", Record.NO);
            device.exec("import tempmod");
            device.exec("import os\nos.remove('tempmod.py')", Record.NO);
            board.hardReset();
            ReplayFailedException e = catchThrowableOfType(ReplayFailedException.class, () -> device.eval("1"));
            assertThat(e.getMessage()).contains("failed at history entry 1 of 1 (exec 'import tempmod')")
                    .contains("ImportError");
            assertThat(e.entry().code()).isEqualTo("import tempmod");
            assertThat(e.getCause()).isInstanceOf(DeviceException.class);
            // Never a call on a half-restored board: the next one tries the restore again.
            assertThatThrownBy(() -> device.eval("1")).isInstanceOf(ReplayFailedException.class);
            assertThatThrownBy(device::ensureSession).isInstanceOf(ReplayFailedException.class);
        }
    }
}
