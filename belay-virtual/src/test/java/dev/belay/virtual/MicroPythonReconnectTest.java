package dev.belay.virtual;

class MicroPythonReconnectTest extends ReconnectContract {

    @Override
    int hardResetsInARow() {
        return 100;
    }

    @Override
    BoardKind kind() {
        return BoardKind.MICROPYTHON;
    }

    @Override
    String resetStatement() {
        return "import sys\nsys.exit()";
    }
}
