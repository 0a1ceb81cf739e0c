package dev.belay.internal.repl;

import java.time.Duration;

/** A point in time by which a wait must end, on the monotonic clock. */
public final class Deadline {

    private final long atNanos;

    private Deadline(long atNanos) {
        this.atNanos = atNanos;
    }

    /** The deadline {@code duration} from now. */
    public static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    /** Milliseconds left, 0 once it has passed. */
    public long remainingMillis() {
        return Math.max(0, (atNanos - System.nanoTime()) / 1_000_000L);
    }

    public boolean hasPassed() {
        return System.nanoTime() - atNanos >= 0;
    }

    /** Whichever of the two comes first. */
    public Deadline orSooner(Deadline other) {
        return atNanos - other.atNanos <= 0 ? this : other;
    }
}
