package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.repl.RawRepl;
import org.junit.jupiter.api.Test;

/** The genuine micro:bit v1 firmware (MicroPython 1.9.2) in QEMU: old, small, no raw-paste. */
class MicrobitBoardTest extends BoardContract {

    @Override
    BoardKind kind() {
        return BoardKind.MICROBIT;
    }

    @Test
    void anEightHundredByteSourceSurvivesTheSixtyFourByteReceiveBuffer() {
        StringBuilder code = new StringBuilder("total = 0\n");
        int lines = 0;
        while (code.length() < 800) {
            code.append("total += ").append(lines++).append("  # padding to make the line longer\n");
        }
        code.append("print(total)\n");
        assertThat(code.length()).isGreaterThanOrEqualTo(800);
        assertThat(device.exec(code.toString())).isEqualTo(lines * (lines - 1) / 2 + "\n");
    }
}
