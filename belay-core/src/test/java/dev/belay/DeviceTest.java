package dev.belay;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeviceTest {

    @Test
    void somethingThatIsNoBoardFailsToConnectNamingWhatItSaid() {
        // cat echoes the interrupts back instead of showing a raw REPL prompt.
        DeviceOptions options = DeviceOptions.defaults().withConnectTimeout(Duration.ofMillis(500));
        assertThatThrownBy(() -> Device.connect("exec:cat", options))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("The board at exec:cat did not show the raw REPL prompt within 0.5 s (1 interrupt "
                        + "attempts); last bytes received: '\\r\\x03\\x03\\x01'. Check that it runs MicroPython and "
                        + "that nothing else uses the port; a board stuck in code that ignores Ctrl-C needs a hard reset. "
                        + "Belay can do that by itself: configure a reset action (the belay.reset setting or "
                        + "DeviceOptions.withResetAction; see 'Hard resets and power' in docs/connections.md).");
    }

    @Test
    void aBoardProcessThatEndsAtOnceIsALostConnection() {
        assertThatThrownBy(() -> Device.connect("exec:exit 7"))
                .isInstanceOf(ConnectionLostException.class)
                .hasMessageStartingWith("The process 'exit 7' ended with exit code 7.");
    }

    @Test
    void optionsRejectANonPositiveTimeout() {
        assertThatThrownBy(() -> DeviceOptions.defaults().withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be positive, was PT0S");
    }
}
