package dev.belay.sync;

import dev.belay.BelayException;

/**
 * A sync could not be done: the local folder is missing, the board's filesystem is full, the
 * board refused a file, or the tree needs folders the board cannot have. The message names the
 * file and says what is on the board now.
 *
 * <pre>{@code
 * catch (SyncException e) {
 *     // "The board's filesystem is full: writing big.bin (20480 bytes) failed ... big.bin is as it was."
 * }
 * }</pre>
 */
public class SyncException extends BelayException {
    private static final long serialVersionUID = 1L;

    public SyncException(String message) {
        super(message);
    }

    public SyncException(String message, Throwable cause) {
        super(message, cause);
    }
}
