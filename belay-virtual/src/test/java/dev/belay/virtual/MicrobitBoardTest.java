package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.belay.Device;
import dev.belay.DeviceException;
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

    @Test
    void aSourceThatCannotBeCompiledInTheHeapLeftIsAMemoryErrorWithoutTraceback() {
        // A fresh board, so that the heap left after the hog is the same on every run.
        try (VirtualBoard own = VirtualBoards.start(kind()); Device fresh = Device.connect(own.port().toString())) {
            fresh.exec("hog = bytearray(4500)");
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < 40; i++) {
                code.append("v").append(i).append(" = [").append(i).append(", ").append(i).append(", \"s").append(i)
                        .append("\"]\n");
            }
            DeviceException e = catchThrowableOfType(DeviceException.class, () -> fresh.exec(code.toString()));
            assertThat(e.pythonType()).isEqualTo("MemoryError");
            assertThat(e.pythonMessage()).startsWith("memory allocation failed, allocating ");
            assertThat(e.deviceTraceback()).doesNotContain("Traceback");
            fresh.exec("del hog");
            assertThat(fresh.exec("print('after')")).isEqualTo("after\n");
        }
    }

    @Test
    void aSourceTooLargeForTheLineBufferIsStagedAndFailsCleanlyInsteadOfHangingTheBoard() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            code.append("w").append(i).append(" = [").append(i).append(", ").append(i).append(", \"s").append(i)
                    .append("\"]\n");
        }
        DeviceException e = catchThrowableOfType(DeviceException.class, () -> device.exec(code.toString()));
        assertThat(e.pythonType()).isEqualTo("MemoryError");
        assertThat(device.exec("print('after')")).isEqualTo("after\n");
    }
}
