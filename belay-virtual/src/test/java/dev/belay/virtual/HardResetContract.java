package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.belay.BoardResetException;
import dev.belay.ConnectionLostException;
import dev.belay.Device;
import dev.belay.DeviceOptions;
import dev.belay.DeviceTimeoutException;
import dev.belay.Record;
import dev.belay.ResetAction;
import dev.belay.ResetFailedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hard resets escalated by Belay itself: a board made deaf the way a real one is
 * ({@code micropython.kbd_intr(-1)}, then a busy loop in the same command, since the REPL turns
 * Ctrl-C back on before each command) is reset by a command action from outside the JVM.
 */
abstract class HardResetContract {

    private static final Logger LOG = LoggerFactory.getLogger(HardResetContract.class);
    private static final String DEAF_LOOP = "import micropython\nmicropython.kbd_intr(-1)\nwhile True:\n    pass";
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** How long Belay's Ctrl-C tries last after the deadline (the attention timeout) before it escalates. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** How long Ctrl-C goes unanswered before a board with a reset action counts as deaf. */
    private static final Duration DEAF_AFTER = Duration.ofSeconds(3);
    /** The reset itself, the one-second pause before the port is opened again, and the replay. */
    private static final Duration RESET_AND_REPLAY = Duration.ofSeconds(3);

    private VirtualBoard board;

    abstract BoardKind kind();

    @BeforeEach
    void startBoard() {
        board = VirtualBoards.start(kind());
    }

    @AfterEach
    void stopBoard() {
        board.close();
    }

    private Device connect(ResetAction action) {
        return Device.connect(board.port().toString(), DeviceOptions.defaults().withTimeout(TIMEOUT)
                .withConnectTimeout(CONNECT_TIMEOUT).withResetAction(action));
    }

    @Test
    void aDeafBoardIsHardResetByTheCommandActionAndRestoredWithItsHistory() {
        // The default connect timeout (10 s): a board with a reset action is taken as deaf after 3 s.
        try (Device device = Device.connect(board.port().toString(), DeviceOptions.defaults().withTimeout(TIMEOUT)
                .withResetAction(ResetAction.command(board.resetCommand())))) {
            device.exec("import math");
            device.exec("radius = 2");
            long mark = device.transcript().position();
            long start = System.nanoTime();
            assertThatThrownBy(() -> device.exec(DEAF_LOOP))
                    .isInstanceOf(BoardResetException.class)
                    .hasMessageStartingWith("The board at " + board.port() + " ignored Ctrl-C after the call's deadline "
                            + "passed, so Belay hard-reset it with its reset action 'command:" + board.resetCommand()
                            + "' and restored its state from the history (2 entries) in ")
                    .hasMessageEndingWith("The call was interrupted by the hard reset and not run again; its timeout "
                            + "is the cause.")
                    .cause().isInstanceOf(DeviceTimeoutException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            LOG.info("{}: deaf call to BoardResetException in {} ms (deadline {} ms, Ctrl-C tries up to {} ms)",
                    kind(), took.toMillis(), TIMEOUT.toMillis(), DEAF_AFTER.toMillis());
            assertThat(took).isLessThan(TIMEOUT.plus(DEAF_AFTER).plus(RESET_AND_REPLAY));
            assertThat(device.eval("math.pi * radius * radius", double.class)).isCloseTo(12.566, Offset.offset(0.001));
            assertThat(device.transcript().since(mark)).contains("--- hard reset with 'command:" + board.resetCommand()
                    + "': it ignored Ctrl-C after a call's deadline ---");
        }
    }

    @Test
    void aReconnectThatFindsTheBoardMuteHardResetsItAndReportsTheCall() {
        DeviceOptions options = DeviceOptions.defaults().withTimeout(Duration.ofSeconds(30))
                .withConnectTimeout(CONNECT_TIMEOUT).withAttempts(5)
                .withResetAction(ResetAction.command(board.resetCommand()));
        try (Device device = Device.connect(board.port().toString(), options)) {
            device.exec("answer = 42");
            long mark = device.transcript().position();
            CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> device.exec(DEAF_LOOP));
            // Unplugged once the board has taken the whole command (it answered something after it).
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> device.transcript().since(mark).matches("(?s).*pass.*<<< .*"));
            board.unplug();
            CompletableFuture.runAsync(board::replug, CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
            assertThatThrownBy(call::join)
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(BoardResetException.class)
                    .hasMessageContaining("was lost while the call ran, and the reconnect found the board mute, so "
                            + "Belay hard-reset it with its reset action 'command:" + board.resetCommand() + "'");
            assertThat(device.eval("answer")).isEqualTo(42L);
            assertThat(device.transcript().since(mark)).contains("--- hard reset with 'command:" + board.resetCommand()
                    + "': a reconnect found it mute ---");
        }
    }

    @Test
    void aBoardLeftDeafIsHardResetWhenBelayConnects() {
        try (Device first = connect(ResetAction.none())) {
            assertThatThrownBy(() -> first.exec(DEAF_LOOP)).isInstanceOf(DeviceTimeoutException.class);
        }
        try (Device second = connect(ResetAction.command(board.resetCommand()))) {
            assertThat(second.eval("1 + 1")).isEqualTo(2L);
            assertThat(second.transcript().since(0)).contains("--- hard reset with 'command:" + board.resetCommand()
                    + "': it did not answer when Belay connected ---");
        }
    }

    @Test
    void withoutAnActionTheTimeoutSaysTheBoardIgnoresCtrlCAndNamesTheSettingToConfigure() {
        try (Device device = connect(ResetAction.none())) {
            assertThatThrownBy(() -> device.exec(DEAF_LOOP))
                    .isInstanceOf(DeviceTimeoutException.class)
                    .hasMessageContaining("The board did not come back after Ctrl-C either; reset it (or unplug it) "
                            + "before the next call. Belay can do that by itself: configure a reset action (the "
                            + "belay.reset setting or DeviceOptions.withResetAction;");
            board.hardReset();
        }
    }

    @Test
    void aBoardThatAnswersCtrlCKeepsItsTimeoutAndItsStateWithoutAReset() {
        try (Device device = connect(ResetAction.command(board.resetCommand()))) {
            device.exec("scratch = 'not recorded, so gone after any reset'", Record.NO);
            long mark = device.transcript().position();
            assertThatThrownBy(() -> device.exec("while True:\n    pass"))
                    .isInstanceOf(DeviceTimeoutException.class)
                    .hasMessageContaining("The board was interrupted (Ctrl-C) and is ready for the next command.");
            assertThat(device.eval("scratch")).isEqualTo("not recorded, so gone after any reset");
            assertThat(device.transcript().since(mark)).doesNotContain("--- hard reset");
        }
    }

    @Test
    void anActionThatDoesNotResetThisBoardIsGivenUpOnAfterOneMoreConnectTimeout() {
        try (Device device = connect(ResetAction.command("true"))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> device.exec(DEAF_LOOP))
                    .isInstanceOf(ConnectionLostException.class)
                    .hasMessageStartingWith("Belay hard-reset the board at " + board.port() + " with its reset action "
                            + "'command:true' after it ignored Ctrl-C, but could not reach it again. The board at "
                            + board.port() + " did not answer after its hard reset with 'command:true' either: ")
                    .hasMessageEndingWith("Check that the reset action resets this board.");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).isLessThan(TIMEOUT.plus(CONNECT_TIMEOUT.multipliedBy(2)).plus(RESET_AND_REPLAY));
            board.hardReset();
        }
    }

    @Test
    void aResetCommandThatFailsIsReportedWithItsExitCodeAndOutput() {
        try (Device device = connect(ResetAction.command("echo 'hub 1-1 not found' >&2; exit 3"))) {
            assertThatThrownBy(() -> device.exec(DEAF_LOOP))
                    .isInstanceOf(ResetFailedException.class)
                    .hasMessage("The board at " + board.port() + " ignored Ctrl-C after the call's deadline (the "
                            + "cause), and its hard reset failed: The reset command 'echo 'hub 1-1 not found' >&2; "
                            + "exit 3' failed with exit code 3; its output ended with: 'hub 1-1 not found'. Run it by "
                            + "hand to see why. The board was left as it was: reset it by hand before the next call.")
                    .cause().isInstanceOf(DeviceTimeoutException.class);
            board.hardReset();
        }
    }
}
