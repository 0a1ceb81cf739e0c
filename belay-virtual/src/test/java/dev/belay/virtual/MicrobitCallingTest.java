package dev.belay.virtual;

import dev.belay.DeviceOptions;
import dev.belay.Implementation;
import java.util.Set;

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
        return new Implementation("micropython", "1.9.2", "microbit", null, Set.of());
    }
}
