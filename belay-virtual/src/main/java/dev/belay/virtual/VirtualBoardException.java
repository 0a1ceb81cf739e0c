package dev.belay.virtual;

import dev.belay.ConnectionException;

/**
 * A software board could not be started or driven: a program it needs is missing or ended. The
 * message names the program and how to install it.
 *
 * <pre>{@code
 * // "qemu-system-arm was not found. Install it: sudo apt-get install qemu-system-arm ..."
 * }</pre>
 */
public class VirtualBoardException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    public VirtualBoardException(String message) {
        super(message);
    }

    public VirtualBoardException(String message, Throwable cause) {
        super(message, cause);
    }
}
