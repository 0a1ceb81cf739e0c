package dev.belay;

import java.time.Duration;
import java.util.Objects;

/**
 * How commands are written to a board that has no raw-paste flow control: in chunks of
 * {@code chunkBytes} with a {@code pause} after each, so a small receive buffer (64 bytes on a
 * micro:bit v1) is never overrun. Boards with raw-paste (MicroPython 1.14 and later) are not paced:
 * they say themselves when they can take more.
 *
 * <pre>{@code
 * DeviceOptions.defaults().withPacing(new WritePacing(32, Duration.ofMillis(2)));
 * DeviceOptions.defaults().withPacing(WritePacing.none()); // a USB CDC board with a large buffer
 * }</pre>
 *
 * @param chunkBytes bytes written at a time, at least 1
 * @param pause      pause after each chunk but the last, not negative
 */
public record WritePacing(int chunkBytes, Duration pause) {

    /** 16 bytes then 2 ms: held on an emulated micro:bit under load, about 8 KB/s. */
    public static final WritePacing SAFE = new WritePacing(16, Duration.ofMillis(2));

    public WritePacing {
        Objects.requireNonNull(pause, "pause");
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be at least 1, was " + chunkBytes);
        }
        if (pause.isNegative()) {
            throw new IllegalArgumentException("pause must not be negative, was " + pause);
        }
    }

    /** Everything in one write: for boards whose buffers take a whole command. */
    public static WritePacing none() {
        return new WritePacing(Integer.MAX_VALUE, Duration.ZERO);
    }

    /** Whether writes are split at all. */
    public boolean isPaced() {
        return chunkBytes != Integer.MAX_VALUE || !pause.isZero();
    }
}
