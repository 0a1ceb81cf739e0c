package dev.belay.virtual;

class MicroPythonHardResetTest extends HardResetContract {

    @Override
    BoardKind kind() {
        return BoardKind.MICROPYTHON;
    }
}
