package dev.belay.junit;

import dev.belay.BelayException;

/**
 * A test waited for a board longer than {@value BelayDevice#LOCK_TIMEOUT_KEY} allows while another
 * test or lifecycle method held it. The message names the holder.
 */
public final class BoardBusyException extends BelayException {
    private static final long serialVersionUID = 1L;

    BoardBusyException(String message) {
        super(message);
    }
}
