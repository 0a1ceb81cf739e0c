package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.Device;
import org.junit.jupiter.api.Test;

/** MicroPython 1.27 on WebAssembly behind the Node bridge: a modern board with raw-paste. */
class MicroPythonBoardTest extends BoardContract {

    @Override
    BoardKind kind() {
        return BoardKind.MICROPYTHON;
    }

    @Test
    void aFourKilobyteSourceTravelsByRawPaste() {
        StringBuilder code = new StringBuilder("total = 0\n");
        int lines = 0;
        while (code.length() < 4096) {
            code.append("total += ").append(lines++).append("  # a comment to make the line longer\n");
        }
        code.append("print(total)\n");
        assertThat(device.exec(code.toString())).isEqualTo(lines * (lines - 1) / 2 + "\n");
    }

    @Test
    void theVirtualSchemeStartsABoardOfItsOwnAndStopsItOnClose() {
        try (Device own = Device.connect("virtual:micropython")) {
            assertThat(own.connection()).isEqualTo("virtual:micropython");
            assertThat(own.exec("import sys\nprint(sys.implementation.name)")).isEqualTo("micropython\n");
        }
    }
}
