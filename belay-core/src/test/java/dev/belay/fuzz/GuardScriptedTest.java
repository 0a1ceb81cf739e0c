package dev.belay.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.BoardResetException;
import dev.belay.Device;
import dev.belay.DeviceOptions;
import dev.belay.HistoryScope;
import dev.belay.Task;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guard around every call, proven byte for byte: the board answers one command with exactly
 * the bytes a test scripts, and the device must come out of it restored.
 */
class GuardScriptedTest {

    private static final DeviceOptions OPTIONS = DeviceOptions.defaults()
            .withTimeout(Duration.ofSeconds(2))
            .withConnectTimeout(Duration.ofSeconds(2))
            .withAttempts(0)
            .withOutput(line -> {});
    private static final byte[] SOFT_REBOOT = latin1("\r\nMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>");
    private static final byte[] HARD_BOOT = latin1("\u0000MicroPython v1.22.0 on 2024-01-01; Pico with RP2040\r\n"
            + "Type \"help()\" for more information.\r\n>>> ");

    private final String name = "scripted-" + System.nanoTime();
    private final HostileBoard board = HostileBoardProvider.register(name);

    @AfterEach
    void forgetBoard() {
        HostileBoardProvider.unregister(name);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private Device connect(DeviceOptions options) {
        return Device.connect("hostile:" + name, options);
    }

    @Test
    void aResetInTheMiddleOfAReplyEndsTheCallAsAResetAndReplaysTheHistory() {
        try (Device device = connect(OPTIONS)) {
            Task add = device.task("def add(a, b):\n    return a + b");
            board.script("add(1, 2)", (lead, answer, reply) -> {
                byte[] whole = answer.bytes();
                reply.send(lead);
                reply.send(Arrays.copyOf(whole, whole.length / 2));
                reply.restarted(false);
                reply.send(SOFT_REBOOT);
            });
            assertThatThrownBy(() -> add.call(long.class, 1, 2))
                    .isInstanceOf(BoardResetException.class)
                    .hasMessageContaining("restarted while the call ran")
                    .hasMessageContaining("was not run again");
            assertThat(add.call(long.class, 2, 3)).isEqualTo(5L);
        }
    }

    @Test
    void aBootBannerArrivingInTwoPiecesBetweenCallsIsARestart() {
        try (Device device = connect(OPTIONS)) {
            Task add = device.task("def add(a, b):\n    return a + b");
            board.script("1 + 1", (lead, answer, reply) -> {
                reply.send(lead);
                reply.send(answer.bytes());
                reply.restarted(true);
                reply.sendLater(Arrays.copyOf(HARD_BOOT, 20), 50);
                reply.sendLater(Arrays.copyOfRange(HARD_BOOT, 20, HARD_BOOT.length), 150);
            });
            assertThat(device.eval("1 + 1")).isEqualTo(2L);
            assertThat(device.ensureSession()).isTrue();
            assertThat(add.call(long.class, 2, 3)).isEqualTo(5L);
        }
    }

    @Test
    void aRestartWhoseBannerComesAfterTheNextCommandWasSentIsStillRestored() {
        try (Device device = connect(OPTIONS)) {
            Task add = device.task("def add(a, b):\n    return a + b");
            board.script("None", (lead, answer, reply) -> {
                // The board had reset as the probe arrived: it answers with the boot, not the probe.
                reply.restarted(true);
                reply.send(HARD_BOOT);
            });
            assertThat(device.ensureSession()).isTrue();
            assertThat(add.call(long.class, 2, 3)).isEqualTo(5L);
        }
    }

    @Test
    void aConnectionLostDuringTheReplayIsReconnectedAndTheWholeHistoryReplayedAgain() {
        try (Device device = connect(OPTIONS.withAttempts(3))) {
            device.exec("import machine");
            Task add = device.task("def add(a, b):\n    return a + b");
            board.script("1 + 1", (lead, answer, reply) -> {
                reply.restarted(false);
                reply.send(SOFT_REBOOT);
            });
            // The restore after that reset is cut while it replays the task definition.
            board.script("def add", (lead, answer, reply) -> board.cutConnection());
            assertThatThrownBy(() -> device.eval("1 + 1")).isInstanceOf(BoardResetException.class);
            assertThat(board.connections()).isEqualTo(2);
            assertThat(add.call(long.class, 2, 3)).isEqualTo(5L);
        }
    }

    @Test
    void closingAScopeRestoresTheBoardToTheRestOfTheHistoryBeforeTheNextCall() {
        try (Device device = connect(OPTIONS)) {
            Task add = device.task("def add(a, b):\n    return a + b");
            HistoryScope scope = device.openScope("one test");
            device.recordingInto(scope).task("def count(n):\n    yield n");
            assertThat(device.history()).hasSize(2);
            scope.close();
            assertThat(device.history()).hasSize(1);
            assertThat(device.ensureSession()).isTrue();
            assertThat(device.ensureSession()).isFalse();
            assertThat(add.call(long.class, 2, 3)).isEqualTo(5L);
            assertThatThrownBy(() -> device.recordingInto(scope).exec("x = 1"))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
