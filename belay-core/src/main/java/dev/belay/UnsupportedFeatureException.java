package dev.belay;

/**
 * The board's firmware lacks what a call needs, such as {@code _thread}. The message names what
 * is missing and what to do instead.
 *
 * <pre>{@code
 * assertThatThrownBy(() -> device.thread("def run():\n    pass"))
 *         .isInstanceOf(UnsupportedFeatureException.class);
 * }</pre>
 */
public class UnsupportedFeatureException extends BelayException {
    private static final long serialVersionUID = 1L;

    public UnsupportedFeatureException(String message) {
        super(message);
    }
}
