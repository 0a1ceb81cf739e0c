package dev.belay.transport;

import java.time.Duration;

/**
 * A point in time by which a wait must end, on the monotonic clock: the one type for time limits
 * in every layer, from a transport's read up to a whole call. A wait asks how much time is left
 * rather than carrying a duration along, so a call made of many reads cannot outlive its deadline.
 *
 * <pre>{@code
 * Deadline deadline = Deadline.after(Duration.ofSeconds(2));
 * int n = transport.read(buffer, 0, buffer.length, deadline);
 * if (n == 0 && deadline.hasPassed()) { ... }
 * }</pre>
 */
public final class Deadline {

    private final long atNanos;

    private Deadline(long atNanos) {
        this.atNanos = atNanos;
    }

    /** The deadline {@code duration} from now. */
    public static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    /** A deadline that has passed already: for a read that must not wait. */
    public static Deadline now() {
        return new Deadline(System.nanoTime());
    }

    /** Milliseconds left, 0 once it has passed. */
    public long remainingMillis() {
        return Math.max(0, remainingNanos() / 1_000_000L);
    }

    /** Nanoseconds left, 0 once it has passed. */
    public long remainingNanos() {
        return Math.max(0, atNanos - System.nanoTime());
    }

    public boolean hasPassed() {
        return System.nanoTime() - atNanos >= 0;
    }

    /** Whichever of the two comes first. */
    public Deadline orSooner(Deadline other) {
        return atNanos - other.atNanos <= 0 ? this : other;
    }
}
