package dev.belay.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.ConnectionException;
import dev.belay.transport.exec.ProcessTransportProvider;
import dev.belay.transport.serial.SerialTransportProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportsTest {

    private final List<TransportProvider> providers = Transports.providers();

    @Test
    void theServiceLoaderFindsTheCoreProvidersWithSerialLast() {
        assertThat(providers).hasAtLeastOneElementOfType(ProcessTransportProvider.class);
        assertThat(providers.get(providers.size() - 1)).isInstanceOf(SerialTransportProvider.class);
    }

    @Test
    void serialPortNamesGoToTheSerialProvider() {
        for (String port : List.of("/dev/ttyACM0", "/dev/ttyUSB0", "COM3", "C:\\ports\\x", "/tmp/pty")) {
            assertThat(Transports.providerFor(port, providers)).as(port).isInstanceOf(SerialTransportProvider.class);
        }
    }

    @Test
    void execGoesToTheProcessProvider() {
        assertThat(Transports.providerFor("exec:cat", providers)).isInstanceOf(ProcessTransportProvider.class);
    }

    @Test
    void anUnknownSchemeIsRefusedWithTheFormsThereAre() {
        assertThatThrownBy(() -> Transports.providerFor("bogus:thing", providers))
                .isInstanceOf(ConnectionException.class)
                .hasMessageStartingWith("No transport understands 'bogus:thing'. Known forms: ")
                .hasMessageContaining("exec:COMMAND")
                .hasMessageEndingWith("A 'virtual:' board needs dev.belay:belay-virtual on the class path.");
    }

    @Test
    void aBlankConnectionStringIsRefused() {
        assertThatThrownBy(() -> Transports.providerFor(" ", providers))
                .isInstanceOf(ConnectionException.class)
                .hasMessageStartingWith("No connection string was given.");
    }
}
