package dev.belay;

import java.time.Duration;
import java.util.Objects;

/**
 * How commands are written to a board that has no raw-paste flow control: a first burst of
 * {@code burstBytes}, which the board's idle receive buffer takes whole, then chunks of
 * {@code chunkBytes} with a {@code pause} before each, so a small receive buffer (64 bytes on a
 * micro:bit v1) is never overrun. Boards with raw-paste (MicroPython 1.14 and later) are not
 * paced: they say themselves when they can take more.
 *
 * <pre>{@code
 * DeviceOptions.defaults().withPacing(new WritePacing(32, Duration.ofMillis(2)));
 * DeviceOptions.defaults().withPacing(WritePacing.none()); // a USB CDC board with a large buffer
 * }</pre>
 *
 * @param burstBytes bytes written at once at the start, at least 1
 * @param chunkBytes bytes written at a time after the burst, at least 1
 * @param pause      pause before each chunk after the burst, not negative
 */
public record WritePacing(int burstBytes, int chunkBytes, Duration pause) {

    /**
     * 32 bytes at once (half the smallest known buffer), then 16 bytes every 2 ms (about 8 KB/s):
     * held on an emulated micro:bit under load, whose 64-byte buffer loses what does not fit.
     */
    public static final WritePacing SAFE = new WritePacing(32, 16, Duration.ofMillis(2));

    public WritePacing {
        Objects.requireNonNull(pause, "pause");
        if (burstBytes < 1 || chunkBytes < 1) {
            throw new IllegalArgumentException("burstBytes and chunkBytes must be at least 1, were "
                    + burstBytes + " and " + chunkBytes);
        }
        if (pause.isNegative()) {
            throw new IllegalArgumentException("pause must not be negative, was " + pause);
        }
    }

    /** Chunks of {@code chunkBytes} with a pause before each but the first. */
    public WritePacing(int chunkBytes, Duration pause) {
        this(chunkBytes, chunkBytes, pause);
    }

    /** Everything in one write: for boards whose buffers take a whole command. */
    public static WritePacing none() {
        return new WritePacing(Integer.MAX_VALUE, Integer.MAX_VALUE, Duration.ZERO);
    }
}
