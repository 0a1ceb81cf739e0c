package dev.belay.transport.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.ConnectionException;
import dev.belay.ConnectionLostException;
import dev.belay.DeviceOptions;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcessTransportTest {

    private final ProcessTransportProvider provider = new ProcessTransportProvider();

    @Test
    void bytesTravelThroughTheProcessBothWays() {
        try (var transport = provider.open("exec:cat", DeviceOptions.defaults())) {
            byte[] sent = "ping\u0004".getBytes(StandardCharsets.UTF_8);
            transport.write(sent, 0, sent.length);
            byte[] got = new byte[16];
            int n = 0;
            while (n < sent.length) {
                n += transport.read(got, n, got.length - n, 2_000);
            }
            assertThat(new String(got, 0, n, StandardCharsets.UTF_8)).isEqualTo("ping\u0004");
        }
    }

    @Test
    void aQuietProcessIsIdleNotGone() {
        try (var transport = provider.open("exec:cat", DeviceOptions.defaults())) {
            assertThat(transport.read(new byte[4], 0, 4, 20)).isZero();
        }
    }

    @Test
    void aProcessThatEndsIsALostConnectionQuotingItsExitAndStderr() {
        try (var transport = provider.open("exec:echo 'board on fire' >&2; exit 3", DeviceOptions.defaults())) {
            assertThatThrownBy(() -> transport.read(new byte[4], 0, 4, 5_000))
                    .isInstanceOf(ConnectionLostException.class)
                    .hasMessageStartingWith("The process 'echo 'board on fire' >&2; exit 3' ended with exit code 3.")
                    .hasMessageContaining("board on fire");
        }
    }

    @Test
    void execWithoutACommandIsRefused() {
        assertThatThrownBy(() -> provider.open("exec: ", DeviceOptions.defaults()))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("'exec: ' names no command. Write exec: followed by the command to run, "
                        + "e.g. exec:socat - /dev/ttyUSB0,rawer");
    }
}
