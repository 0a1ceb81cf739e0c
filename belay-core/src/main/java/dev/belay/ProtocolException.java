package dev.belay;

/**
 * The board answered, but not with what the raw REPL protocol prescribes at that point: another
 * program is using the port, the baud rate is wrong, or the firmware is not MicroPython.
 *
 * <pre>{@code
 * catch (ProtocolException e) {
 *     // e.getMessage(): "Expected 'OK' after sending the command, got 'ra'. ..."
 * }
 * }</pre>
 */
public class ProtocolException extends BelayException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
