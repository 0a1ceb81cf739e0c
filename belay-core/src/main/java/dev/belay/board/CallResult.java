package dev.belay.board;

import dev.belay.repl.PythonError;

/**
 * What one call on the board came back with. Every shape Belay's helper can report has a case,
 * so callers handle each and nothing internal reaches a user.
 *
 * <pre>{@code
 * CallResult result = calls.evaluate("sensor.read()", timeout);
 * if (result instanceof CallResult.Value v) {
 *     use(v.value());
 * } else if (result instanceof CallResult.Raised r) {
 *     throw toException(r.error());
 * }
 * }</pre>
 */
public sealed interface CallResult {

    /** A value, parsed from its literal: {@code Long}, {@code String}, {@code List}, ..., or {@code null}. */
    record Value(Object value) implements CallResult {}

    /** A generator the board keeps under {@code id}, to be pulled with {@link BoardCalls#next}. */
    record Generator(long id) implements CallResult {}

    /** A generator pulled with {@link BoardCalls#next} has no more values. */
    record End() implements CallResult {}

    /**
     * The call raised {@code error}; {@code ran} is false when none of it ran (it did not compile,
     * or Belay's helpers were missing).
     */
    record Raised(PythonError error, boolean ran) implements CallResult {

        /** Whether the call failed because Belay's helpers are not on the board (it was reset). */
        public boolean helpersGone() {
            return error.type().equals("NameError") && error.message().contains("'_belay");
        }
    }
}
