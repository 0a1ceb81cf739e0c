package dev.belay.junit;

import dev.belay.BelayException;

/**
 * A test waited for a board longer than {@value BelayDevice#LOCK_TIMEOUT_KEY} allows while another
 * test or lifecycle method held it, or a test class waited that long for a free board of a pool
 * while other classes leased them all. The message names the holder (or the classes):
 *
 * <pre>
 * Waited PT5M for the board 'default' (/dev/ttyACM0), but 'calibrates()'
 * ([engine:junit-jupiter]/[class:com.example.AdcTest]/[method:calibrates()]) still holds it. If that
 * test legitimately takes this long, allow more time with belay.lockTimeout; otherwise it is stuck.
 * </pre>
 */
public final class BoardBusyException extends BelayException {
    private static final long serialVersionUID = 1L;

    BoardBusyException(String message) {
        super(message);
    }
}
