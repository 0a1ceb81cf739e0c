package dev.belay.internal.repl;

/**
 * Receives a command's output bytes as they arrive from the board, before the command ends.
 *
 * <pre>{@code
 * OutputListener toConsole = (data, offset, length) -> System.out.write(data, offset, length);
 * }</pre>
 */
@FunctionalInterface
public interface OutputListener {

    /** Ignores the output. */
    OutputListener NONE = (data, offset, length) -> {};

    /** Called with each chunk of output; must not keep the array. */
    void output(byte[] data, int offset, int length);
}
