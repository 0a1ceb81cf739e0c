package dev.belay.virtual;

class MicrobitHardResetTest extends HardResetContract {

    @Override
    BoardKind kind() {
        return BoardKind.MICROBIT;
    }
}
