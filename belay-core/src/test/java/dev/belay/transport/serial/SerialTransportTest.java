package dev.belay.transport.serial;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.ConnectionException;
import dev.belay.transport.LinkOptions;
import org.junit.jupiter.api.Test;

class SerialTransportTest {

    @Test
    void aMissingPortSaysSoAndWhatToCheck() {
        assertThatThrownBy(() -> SerialTransport.open("/dev/ttyACM99", LinkOptions.defaults()))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("No serial port at /dev/ttyACM99: the file does not exist. Is the board plugged in? "
                        + "Its port may have another name (ls /dev/ttyACM* /dev/ttyUSB*).");
    }
}
