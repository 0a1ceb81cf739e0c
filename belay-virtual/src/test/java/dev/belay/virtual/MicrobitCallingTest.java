package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.belay.DeviceException;
import dev.belay.DeviceOptions;
import dev.belay.Implementation;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MicrobitCallingTest extends CallingContract {

    @Override
    BoardKind kind() {
        return BoardKind.MICROBIT;
    }

    @Override
    DeviceOptions options() {
        return DeviceOptions.defaults();
    }

    @Override
    Implementation expectedImplementation() {
        // This build has no native emitters: "SyntaxError: invalid micropython decorator".
        return new Implementation("micropython", "1.9.2", "microbit", null, Set.of(), null);
    }

    @Test
    void aTaskTooBigForTheHeapIsAClearMemoryErrorNotAHang() {
        StringBuilder source = new StringBuilder("def huge():\n    t = 0\n");
        for (int i = 0; i < 90; i++) {
            source.append("    t += len([").append(i).append(", ").append(i).append(", 's").append(i).append("'])\n");
        }
        source.append("    return t\n");
        DeviceException e = catchThrowableOfType(DeviceException.class, () -> device.task(source.toString()));
        assertThat(e.pythonType()).isEqualTo("MemoryError");
        assertThat(device.eval("1 + 1")).isEqualTo(2L);
    }
}
