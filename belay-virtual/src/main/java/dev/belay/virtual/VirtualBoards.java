package dev.belay.virtual;

/**
 * Starts software boards.
 *
 * <pre>{@code
 * try (VirtualBoard board = VirtualBoards.start(BoardKind.MICROBIT)) {
 *     Device device = Device.connect(board.port().toString());
 * }
 * }</pre>
 */
public final class VirtualBoards {

    private VirtualBoards() {}

    /**
     * Starts a board of the given kind and plugs in its port. The caller closes it; boards still
     * running when the JVM exits are stopped then.
     *
     * @throws VirtualBoardException when a program the board needs is missing or fails
     */
    public static VirtualBoard start(BoardKind kind) {
        return switch (kind) {
            case MICROPYTHON -> new WasmMicroPythonBoard();
            case MICROBIT -> new QemuMicrobitBoard();
        };
    }
}
