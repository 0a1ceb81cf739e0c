package dev.belay.virtual;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A software MicroPython board, reached through a pseudo-terminal exactly like a USB board's
 * serial port, with hooks that do to it what happens to real boards on a bench.
 *
 * <pre>{@code
 * try (VirtualBoard board = VirtualBoards.start(BoardKind.MICROPYTHON);
 *      Device device = Device.connect(board.port().toString())) {
 *     device.exec("x = 1");
 *     board.unplug();   // the port disappears, as when the USB cable is pulled
 *     board.replug();   // the same path comes back
 * }
 * }</pre>
 */
public interface VirtualBoard extends AutoCloseable {

    /** Which software board this is. */
    BoardKind kind();

    /** The pseudo-terminal's path: pass it to {@code Device.connect} as a serial port. */
    Path port();

    /** Removes the port, as when the USB cable is pulled; the board itself keeps running. */
    void unplug();

    /** Brings the port back at the same path after {@link #unplug()}. */
    void replug();

    /** Whether the port is there. */
    boolean isPluggedIn();

    /**
     * The board's WebREPL address ({@code ws://127.0.0.1:PORT}), for a board started with
     * {@link VirtualBoards#startWithWebRepl(String)}; empty for the others.
     */
    default Optional<String> webRepl() {
        return Optional.empty();
    }

    /** Resets the board as its reset button would: the interpreter restarts, files are kept. */
    void hardReset();

    /**
     * A shell command line that hard-resets this board from outside the JVM, as a relay or a USB
     * hub's power switch resets a real one: for a reset action. {@code kill -USR2 PID} for
     * {@link BoardKind#MICROPYTHON} (the bridge's reset button), QEMU's monitor command
     * {@code system_reset} through {@code socat} for {@link BoardKind#MICROBIT}. It returns once the
     * reset is under way, not once the board is back.
     *
     * <pre>{@code
     * try (VirtualBoard board = VirtualBoards.start(BoardKind.MICROPYTHON);
     *      Device device = Device.connect(board.port().toString(), DeviceOptions.defaults()
     *              .withResetAction(ResetAction.command(board.resetCommand())))) {
     *     device.exec("import micropython\nmicropython.kbd_intr(-1)\nwhile True: pass"); // BoardResetException
     * }
     * }</pre>
     */
    String resetCommand();

    /** Stops the board and removes its port and files. Never throws. */
    @Override
    void close();
}
