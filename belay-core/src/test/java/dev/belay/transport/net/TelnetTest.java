package dev.belay.transport.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelnetTest {

    @Test
    void escapeDoublesEachIacAndChangesNothingElse() {
        byte[] data = {'\r', 0, (byte) 0xFF, '\n', (byte) 0xFF, (byte) 0xFF, 3};
        assertThat(Telnet.escape(data, 0, data.length)).containsExactly(
                '\r', 0, 0xFF, 0xFF, '\n', 0xFF, 0xFF, 0xFF, 0xFF, 3);
    }

    @Test
    void escapeTakesTheGivenRangeOnly() {
        byte[] data = {1, (byte) 0xFF, 2, 3};
        assertThat(Telnet.escape(data, 1, 2)).containsExactly(0xFF, 0xFF, 2);
    }

    @Test
    void aSubnegotiationIsFramedAndItsIacsDoubled() {
        assertThat(Telnet.subnegotiation(44, ComPortOption.setBaudRate(0x00FF_0000 + 255)))
                .containsExactly(0xFF, 250, 44, 1, 0, 0xFF, 0xFF, 0, 0xFF, 0xFF, 0xFF, 240);
    }

    @Test
    void theBaudRateTravelsInNetworkOrder() {
        assertThat(ComPortOption.setBaudRate(115_200)).containsExactly(1, 0, 1, 0xC2, 0);
    }
}
