package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.DeviceException;
import dev.belay.DeviceOptions;
import dev.belay.Implementation;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Device API on MicroPython 1.27, values travelling by raw-paste. */
class MicroPythonCallingTest extends CallingContract {

    @Override
    BoardKind kind() {
        return BoardKind.MICROPYTHON;
    }

    @Override
    DeviceOptions options() {
        return DeviceOptions.defaults();
    }

    /** MicroPython on WebAssembly runs out of heap part way into this sum, and its helper with it. */
    @Test
    void aMemoryErrorThatCutsOffBelaysHelperIsReportedAtOnce() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> device.withTimeout(Duration.ofSeconds(30)).eval("sum(range(10**7))"))
                .isInstanceOf(DeviceException.class)
                .hasMessageContaining("MemoryError");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(device.eval("1 + 1")).isEqualTo(2L);
    }

    @Override
    Implementation expectedImplementation() {
        return new Implementation("micropython", "1.27.0", "webassembly", null, Set.of(), null);
    }
}
