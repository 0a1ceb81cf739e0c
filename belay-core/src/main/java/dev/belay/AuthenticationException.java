package dev.belay;

/**
 * The board refused to let Belay in: its WebREPL answered {@code Access denied} to the password.
 * The message never contains the password.
 *
 * <pre>{@code
 * assertThatThrownBy(() -> Device.connect("ws://192.168.1.100", DeviceOptions.defaults().withPassword("wrong")))
 *         .isInstanceOf(AuthenticationException.class);
 * }</pre>
 */
public class AuthenticationException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }
}
