package dev.belay.value;

import dev.belay.BelayException;

/**
 * A value could not cross between Java and the board: the board returned something that has no
 * literal form, or a value could not be converted to the type the caller asked for, or a Java
 * argument has no Python equivalent. The message says what arrived and what was wanted.
 *
 * <pre>{@code
 * assertThatThrownBy(() -> device.eval("machine.Pin(2)"))
 *         .isInstanceOf(ValueException.class)
 *         .hasMessageContaining("not a literal value");
 * }</pre>
 */
public class ValueException extends BelayException {
    private static final long serialVersionUID = 1L;

    public ValueException(String message) {
        super(message);
    }

    public ValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
