package dev.belay.virtual;

import dev.belay.transport.webrepl.WebReplTransport;
import java.nio.charset.StandardCharsets;

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
            case MICROPYTHON -> new WasmMicroPythonBoard(null);
            case MICROBIT -> new QemuMicrobitBoard();
        };
    }

    /**
     * Starts a {@link BoardKind#MICROPYTHON} board that also serves WebREPL on a free loopback port,
     * with {@code password} as its {@code webrepl_cfg.PASS}: {@link VirtualBoard#webRepl()} gives
     * its {@code ws://127.0.0.1:PORT} address. {@link VirtualBoard#unplug()} takes the network away
     * (the server stops listening) as well as the serial port.
     *
     * <pre>{@code
     * try (VirtualBoard board = VirtualBoards.startWithWebRepl("secret");
     *      Device device = Device.connect(board.webRepl().orElseThrow(),
     *              DeviceOptions.defaults().withPassword("secret"))) {
     *     device.eval("1 + 1");
     * }
     * }</pre>
     *
     * @throws IllegalArgumentException when the password is empty or longer than a board accepts
     *     ({@value WebReplTransport#LONGEST_PASSWORD} bytes in UTF-8)
     */
    public static VirtualBoard startWithWebRepl(String password) {
        int bytes = password == null ? 0 : password.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > WebReplTransport.LONGEST_PASSWORD) {
            throw new IllegalArgumentException("A WebREPL password has 1 to " + WebReplTransport.LONGEST_PASSWORD
                    + " bytes in UTF-8, as on a board; got " + (password == null ? "none" : bytes + " bytes") + ".");
        }
        return new WasmMicroPythonBoard(password);
    }
}
