package dev.belay.junit;

import dev.belay.BelayException;

/**
 * The board runs a firmware that {@value BelayDevice#FIRMWARE_KEY} does not allow. The message names
 * both:
 *
 * <pre>
 * The board 'default' (/dev/ttyACM0) runs micropython 1.27.0 on rp2 (build 'v1.27.0 on 2025-12-09'),
 * but belay.firmware (environment variable BELAY_FIRMWARE) requires &gt;=1.28. Flash a firmware that matches, or change belay.firmware.
 * </pre>
 *
 * With {@code @BelayDevice(skipIfMissing = true)} the tests are skipped with that reason instead.
 */
public final class FirmwareMismatchException extends BelayException {
    private static final long serialVersionUID = 1L;

    FirmwareMismatchException(String message) {
        super(message);
    }
}
