package dev.belay;

/**
 * The board could not be reached: the port does not exist, is in use, or refused to open, or the
 * board never answered on it.
 *
 * <pre>{@code
 * assertThatThrownBy(() -> Device.connect("/dev/ttyACM9"))
 *         .isInstanceOf(ConnectionException.class);
 * }</pre>
 */
public class ConnectionException extends BelayException {
    private static final long serialVersionUID = 1L;

    public ConnectionException(String message) {
        super(message);
    }

    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
