package dev.belay.virtual;

class MicrobitReconnectTest extends ReconnectContract {

    @Override
    int hardResetsInARow() {
        return 30;
    }

    @Override
    BoardKind kind() {
        return BoardKind.MICROBIT;
    }

    @Override
    String resetStatement() {
        return "import microbit\nmicrobit.reset()";
    }
}
