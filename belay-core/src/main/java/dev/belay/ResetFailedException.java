package dev.belay;

/**
 * Belay tried to hard-reset a board that ignored Ctrl-C, and its {@link ResetAction} failed: the
 * command exited with an error or ran too long, or the port has no modem lines to pulse. The
 * board was left as it was; the message says what the action did.
 *
 * <pre>{@code
 * DeviceOptions options = DeviceOptions.defaults().withResetAction(ResetAction.command("false"));
 * assertThatThrownBy(() -> device.exec("import micropython\nmicropython.kbd_intr(-1)\nwhile True: pass"))
 *         .isInstanceOf(ResetFailedException.class);
 * }</pre>
 */
public class ResetFailedException extends BelayException {
    private static final long serialVersionUID = 1L;

    public ResetFailedException(String message) {
        super(message);
    }

    public ResetFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
