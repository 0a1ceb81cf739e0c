package dev.belay;

/**
 * A connection that was open went away: the board was unplugged, lost power, or the process or
 * server behind the port ended. Thrown at once by the call that noticed it, never after a hang.
 *
 * <pre>{@code
 * board.unplug();
 * assertThatThrownBy(() -> device.exec("pass"))
 *         .isInstanceOf(ConnectionLostException.class);
 * }</pre>
 */
public class ConnectionLostException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    public ConnectionLostException(String message) {
        super(message);
    }

    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
