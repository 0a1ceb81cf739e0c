package dev.belay;

/**
 * The base of every exception Belay throws. All of them are unchecked: a test that talks to a
 * board fails with them, it does not recover from them.
 *
 * <pre>{@code
 * try (Device device = Device.connect("/dev/ttyACM0")) {
 *     device.exec("import sensor");
 * } catch (BelayException e) {
 *     // the message says what happened on the board or the wire and what to do next
 * }
 * }</pre>
 */
public class BelayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BelayException(String message) {
        super(message);
    }

    public BelayException(String message, Throwable cause) {
        super(message, cause);
    }
}
