package dev.belay;

import dev.belay.value.ValueConverter;
import dev.belay.value.ValueException;
import java.util.stream.Stream;

/**
 * A function defined on the board by {@link Device#task}. Calling it is not recorded for replay:
 * calls are frequent and are expected not to change the board's state much.
 *
 * <pre>{@code
 * Task read = device.task("def read():\n    return {'celsius': 21.5, 'taken_at': 1000}");
 * Reading reading = read.call(Reading.class);
 * }</pre>
 */
public final class Task {

    private final Device device;
    private final String name;

    Task(Device device, String name) {
        this.device = device;
        this.name = name;
    }

    /** The function's name on the board. */
    public String name() {
        return name;
    }

    /**
     * Calls the function; returns its value as {@link Device#eval(String)} would, or a
     * {@code Stream<Object>} of its values when it is a generator.
     */
    public Object call(Object... args) {
        Object result = device.invoke(name, args);
        return result instanceof BoardGenerator generator ? generator.stream() : result;
    }

    /** Calls the function and converts its value to {@code type}. */
    public <T> T call(Class<T> type, Object... args) {
        Object result = device.invoke(name, args);
        if (result instanceof BoardGenerator generator) {
            generator.close();
            throw new ValueException(name + " is a generator; use stream(" + type.getSimpleName()
                    + ".class, ...) to pull its values.");
        }
        return ValueConverter.convert(result, type);
    }

    /**
     * Calls a generator function and pulls its values one at a time as they are consumed. Closing
     * the stream early (or a short-circuiting operation such as {@code limit}) deletes the
     * generator on the board; an exception inside the generator is thrown at the value where it
     * happened.
     *
     * <pre>{@code
     * try (Stream<Double> samples = sampler.stream(Double.class, 10)) {
     *     assertThat(samples.limit(3)).allMatch(v -> v > 0);
     * }
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    public <T> Stream<T> stream(Class<T> type, Object... args) {
        return (Stream<T>) device.streamOf(name, type, args);
    }

    @Override
    public String toString() {
        return "Task[" + name + "]";
    }
}
