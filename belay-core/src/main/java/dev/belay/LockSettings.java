package dev.belay;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The part of {@link DeviceOptions} that concerns the board's lock across processes.
 *
 * @param timeout   how long connecting waits for a board someone else holds
 * @param directory where lock files go, {@code null} for the system's
 */
record LockSettings(Duration timeout, Path directory) {

    static final LockSettings DEFAULTS = new LockSettings(Duration.ofMinutes(5), null);

    LockSettings {
        Objects.requireNonNull(timeout, "lockTimeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("lockTimeout must not be negative, was " + timeout);
        }
    }

    LockSettings withTimeout(Duration timeout) {
        return new LockSettings(timeout, directory);
    }

    LockSettings withDirectory(Path directory) {
        return new LockSettings(timeout, directory);
    }
}
