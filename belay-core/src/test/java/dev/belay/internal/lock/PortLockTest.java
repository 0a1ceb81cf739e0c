package dev.belay.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.BoardBusyException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortLockTest {

    private static final Duration A_WHILE = Duration.ofSeconds(10);

    @TempDir
    Path locks;

    @Test
    void theLockFileHoldsThisProcesssPidWhileHeld() throws Exception {
        try (PortLock lock = PortLock.acquire("ttyACM0", "/dev/ttyACM0", A_WHILE, locks)) {
            assertThat(lock.file()).isEqualTo(locks.resolve("LCK..ttyACM0"));
            assertThat(Files.readString(lock.file())).isEqualTo(LockFile.content(ProcessHandle.current().pid()));
        }
    }

    @Test
    void closingRemovesTheLockFile() {
        PortLock lock = PortLock.acquire("ttyACM0", "/dev/ttyACM0", A_WHILE, locks);
        lock.close();
        assertThat(locks.resolve("LCK..ttyACM0")).doesNotExist();
    }

    @Test
    void theFileOfAProcessThatEndedIsTakenOver() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor(10, TimeUnit.SECONDS);
        Files.writeString(locks.resolve("LCK..ttyUSB0"), LockFile.content(ended.pid()), StandardCharsets.US_ASCII);
        try (PortLock lock = PortLock.acquire("ttyUSB0", "/dev/ttyUSB0", Duration.ofMillis(1), locks)) {
            assertThat(Files.readString(lock.file())).isEqualTo(LockFile.content(ProcessHandle.current().pid()));
        }
    }

    @Test
    void aLiveProcessNamedInTheFileKeepsTheBoardAndIsNamedWhenTheWaitEnds() throws Exception {
        // A terminal such as minicom writes its PID without an OS lock; a live PID is a holder all the same.
        Process terminal = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(locks.resolve("LCK..ttyUSB0"), LockFile.content(terminal.pid()), StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> PortLock.acquire("ttyUSB0", "/dev/ttyUSB0", Duration.ofMillis(300), locks))
                    .isInstanceOf(BoardBusyException.class)
                    .hasMessage("Waited PT0.3S for the board /dev/ttyUSB0 (lock file " + locks.resolve("LCK..ttyUSB0")
                            + "), but process " + terminal.pid() + " (sleep 60), whose PID is in the lock file, still "
                            + "holds it. If it legitimately takes this long, allow more time with "
                            + "DeviceOptions.withLockTimeout (belay.lockTimeout in JUnit); if it is stuck, end it (kill "
                            + terminal.pid() + ").");
        } finally {
            terminal.destroy();
            terminal.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondDeviceOfThisProcessWaitsUntilTheFirstLetsGo() throws Exception {
        PortLock first = PortLock.acquire("pts_5", "/dev/pts/5", A_WHILE, locks);
        CompletableFuture<PortLock> second = CompletableFuture.supplyAsync(
                () -> PortLock.acquire("pts_5", "/dev/pts/5", A_WHILE, locks));
        try {
            assertThat(second).isNotDone();
            first.close();
            assertThat(second.get(5, TimeUnit.SECONDS).file()).isEqualTo(locks.resolve("LCK..pts_5"));
        } finally {
            first.close();
            second.thenAccept(PortLock::close);
        }
    }

    @Test
    void aSecondDeviceOfThisProcessIsToldToCloseTheFirst() throws Exception {
        try (PortLock first = PortLock.acquire("pts_5", "/dev/pts/5", A_WHILE, locks)) {
            CompletableFuture<PortLock> second = CompletableFuture.supplyAsync(
                    () -> PortLock.acquire("pts_5", "/dev/pts/5", Duration.ofMillis(200), locks));
            assertThatThrownBy(() -> second.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(BoardBusyException.class)
                    .hasMessageContaining("but another connection of this process (PID " + ProcessHandle.current().pid()
                            + ") still holds it. Close the other Device on this board first");
        }
    }

    @Test
    void aThreadThatHoldsTheBoardIsToldAtOnceInsteadOfWaitingForItself() {
        try (PortLock first = PortLock.acquire("pts_5", "/dev/pts/5", A_WHILE, locks)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> PortLock.acquire("pts_5", "/dev/pts/5", A_WHILE, locks))
                    .isInstanceOf(BoardBusyException.class)
                    .hasMessage("The board /dev/pts/5 is already open in this thread through another Device (lock file "
                            + locks.resolve("LCK..pts_5") + "). Use that Device, or close it before connecting again.");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(A_WHILE);
        }
    }

    @Test
    void anEmptyNameLocksNothing() {
        try (PortLock lock = PortLock.acquire("", "exec:cat", A_WHILE, locks)) {
            assertThat(lock.file()).isNull();
        }
        assertThat(locks).isEmptyDirectory();
    }
}
