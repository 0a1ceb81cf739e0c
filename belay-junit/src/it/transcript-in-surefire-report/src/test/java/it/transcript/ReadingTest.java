package it.transcript;

import dev.belay.Device;
import dev.belay.junit.BelayDevice;
import dev.belay.junit.BelayExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BelayExtension.class)
class ReadingTest {

    @Test
    void readsTheSensor(@BelayDevice Device device) {
        device.exec("import sys\nprint('the reading was', 17)\nsys.stdout.buffer.write(bytes([111, 100, 100, 128]))");
        throw new AssertionError("expected 21 but the board said 17");
    }
}
