package dev.belay.virtual;

import dev.belay.DeviceOptions;

/** The same Device API tests on MicroPython 1.27 with raw-paste switched off: paced plain raw mode. */
class MicroPythonPlainRawCallingTest extends MicroPythonCallingTest {

    @Override
    DeviceOptions options() {
        return DeviceOptions.defaults().withRawPaste(false);
    }
}
