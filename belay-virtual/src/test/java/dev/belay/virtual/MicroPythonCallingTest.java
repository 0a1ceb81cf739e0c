package dev.belay.virtual;

import dev.belay.DeviceOptions;
import dev.belay.Implementation;
import java.util.Set;

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

    @Override
    Implementation expectedImplementation() {
        return new Implementation("micropython", "1.27.0", "webassembly", null, Set.of());
    }
}
