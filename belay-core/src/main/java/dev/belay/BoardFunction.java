package dev.belay;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the board function a method of a {@link Device#bind bound interface} calls, where the
 * snake_case form of the method's name is not it.
 *
 * <pre>{@code
 * interface Sensor {
 *     @BoardFunction("mysensor.read_raw") int raw();
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BoardFunction {

    /** The Python name, possibly dotted ({@code module.function}). */
    String value();
}
