package dev.belay;

/**
 * A deadline passed before the board answered. The message names what was awaited and the last
 * bytes that did arrive. When the deadline belonged to a command, the board has been interrupted
 * (Ctrl-C) and the connection is ready for the next call.
 *
 * <pre>{@code
 * Device device = Device.connect(port, DeviceOptions.defaults().withTimeout(Duration.ofSeconds(1)));
 * assertThatThrownBy(() -> device.exec("while True: pass"))
 *         .isInstanceOf(DeviceTimeoutException.class);
 * device.exec("print('still usable')");
 * }</pre>
 */
public class DeviceTimeoutException extends BelayException {
    private static final long serialVersionUID = 1L;

    public DeviceTimeoutException(String message) {
        super(message);
    }

    public DeviceTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
