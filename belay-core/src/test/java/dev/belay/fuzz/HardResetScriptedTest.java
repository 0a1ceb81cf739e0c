package dev.belay.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.BoardResetException;
import dev.belay.Device;
import dev.belay.DeviceOptions;
import dev.belay.DeviceTimeoutException;
import dev.belay.ResetAction;
import dev.belay.Task;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hard resets escalated by the guard, on the in-memory board wired as an ESP32 devkit (its modem
 * lines drive its reset): a deaf program is ended by the lines pulse, a board that answers Ctrl-C
 * is never pulsed.
 */
class HardResetScriptedTest {

    private static final DeviceOptions OPTIONS = DeviceOptions.defaults()
            .withTimeout(Duration.ofMillis(300))
            .withConnectTimeout(Duration.ofMillis(500))
            .withOutput(line -> {});

    private final String name = "reset-" + System.nanoTime();
    private final HostileBoard board = HostileBoardProvider.register(name);

    @AfterEach
    void forgetBoard() {
        HostileBoardProvider.unregister(name);
    }

    private Device connect(ResetAction action) {
        return Device.connect("hostile:" + name, OPTIONS.withResetAction(action));
    }

    @Test
    void aDeafProgramIsEndedByTheLinesPulseAndTheBoardRestoredWithItsTasks() {
        try (Device device = connect(ResetAction.linesPulse())) {
            Task add = device.task("def add(a, b):\n    return a + b");
            board.script("deaf()", (lead, answer, reply) -> {
                reply.send(lead);
                reply.hangDeaf();
            });
            assertThatThrownBy(() -> device.exec("deaf()"))
                    .isInstanceOf(BoardResetException.class)
                    .hasMessageContaining("so Belay hard-reset it with its reset action 'lines' and restored its state "
                            + "from the history (1 entries)")
                    .cause().isInstanceOf(DeviceTimeoutException.class);
            assertThat(board.lineChanges()).containsExactly("dtr=OFF rts=ON", "dtr=OFF rts=OFF");
            assertThat(add.call(long.class, 2, 3)).isEqualTo(5L);
            assertThat(device.transcript().since(0)).contains("--- hard reset with 'lines': it ignored Ctrl-C after a "
                    + "call's deadline ---");
        }
    }

    @Test
    void aProgramThatTakesCtrlCEndsInATimeoutWithoutAPulse() {
        try (Device device = connect(ResetAction.linesPulse())) {
            board.script("busy()", (lead, answer, reply) -> {
                reply.send(lead);
                reply.hang();
            });
            assertThatThrownBy(() -> device.exec("busy()"))
                    .isInstanceOf(DeviceTimeoutException.class)
                    .hasMessageContaining("The board was interrupted (Ctrl-C) and is ready for the next command.");
            assertThat(board.lineChanges()).isEmpty();
            assertThat(device.eval("1 + 1")).isEqualTo(2L);
        }
    }

    @Test
    void withoutAnActionADeafProgramEndsInATimeoutThatNamesTheSetting() {
        try (Device device = connect(ResetAction.none())) {
            board.script("deaf()", (lead, answer, reply) -> {
                reply.send(lead);
                reply.hangDeaf();
            });
            assertThatThrownBy(() -> device.exec("deaf()"))
                    .isInstanceOf(DeviceTimeoutException.class)
                    .hasMessageContaining("The board did not come back after Ctrl-C either; reset it (or unplug it) "
                            + "before the next call. Belay can do that by itself: configure a reset action (the "
                            + "belay.reset setting or DeviceOptions.withResetAction;");
            assertThat(board.lineChanges()).isEmpty();
        }
    }
}
