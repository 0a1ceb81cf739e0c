package dev.belay;

import java.util.Objects;

/**
 * Code run on the board raised a Python exception. Carries the exception's type, its message and
 * the traceback exactly as the board printed it.
 *
 * <pre>{@code
 * DeviceException e = catchThrowableOfType(DeviceException.class, () -> device.exec("1/0"));
 * assertThat(e.pythonType()).isEqualTo("ZeroDivisionError");
 * assertThat(e.pythonMessage()).isEqualTo("division by zero");
 * }</pre>
 */
public class DeviceException extends BelayException {
    private static final long serialVersionUID = 1L;

    private final String pythonType;
    private final String pythonMessage;
    private final String deviceTraceback;

    /**
     * @param pythonType      the exception's class name, e.g. {@code OSError}
     * @param pythonMessage   the text after the type, empty when the exception had none
     * @param deviceTraceback everything the board printed for the exception, with {@code \n} line ends
     */
    public DeviceException(String pythonType, String pythonMessage, String deviceTraceback) {
        super(describe(pythonType, pythonMessage, deviceTraceback));
        this.pythonType = Objects.requireNonNull(pythonType, "pythonType");
        this.pythonMessage = Objects.requireNonNull(pythonMessage, "pythonMessage");
        this.deviceTraceback = Objects.requireNonNull(deviceTraceback, "deviceTraceback");
    }

    private static String describe(String type, String message, String traceback) {
        String headline = message.isEmpty() ? type : type + ": " + message;
        return "The board raised " + headline + "\n" + traceback.stripTrailing();
    }

    /** The Python exception's class name as the board printed it, e.g. {@code ZeroDivisionError}. */
    public String pythonType() {
        return pythonType;
    }

    /** The exception's message, e.g. {@code division by zero}; empty when it had none. */
    public String pythonMessage() {
        return pythonMessage;
    }

    /** The whole exception text the board printed, traceback lines included, {@code \n}-separated. */
    public String deviceTraceback() {
        return deviceTraceback;
    }
}
