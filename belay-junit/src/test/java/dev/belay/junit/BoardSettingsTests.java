package dev.belay.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.transport.LineState;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** What the keys that only shape the board's options turn into. */
class BoardSettingsTests {

    private final Map<String, String> parameters = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    private BoardSettings settings(String board) {
        return new BoardSettings(board, key -> Optional.ofNullable(parameters.get(key)),
                new Sources(key -> null, environment, line -> {}));
    }

    @Test
    void theLockTimeoutAlsoBoundsTheWaitForAnotherProcess() {
        parameters.put("belay.lockTimeout", "PT30S");
        assertThat(settings("").options().lockTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void withoutALockTimeoutTheWaitIsFiveMinutes() {
        assertThat(settings("").options().lockTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void modemLinesAreOnUnlessConfigured() {
        assertThat(settings("").options().dtr()).isEqualTo(LineState.ON);
        assertThat(settings("").options().rts()).isEqualTo(LineState.ON);
    }

    @Test
    void dtrAndRtsAreReadPerBoardAndFromTheEnvironment() {
        environment.put("BELAY_SENSOR_DTR", "keep");
        parameters.put("belay.sensor.rts", "OFF");
        assertThat(settings("sensor").options().dtr()).isEqualTo(LineState.KEEP);
        assertThat(settings("sensor").options().rts()).isEqualTo(LineState.OFF);
        assertThat(settings("").options().dtr()).isEqualTo(LineState.ON);
    }

    @Test
    void aLineStateOtherThanOnOffOrKeepIsRefusedByName() {
        environment.put("BELAY_DTR", "low");
        assertThatThrownBy(() -> settings("").options())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessage("The configuration parameter belay.dtr (or BELAY_DTR) is 'low', but it must be on (assert "
                        + "the line, as the port opens), off (clear it) or keep (leave it as it is).");
    }
}
