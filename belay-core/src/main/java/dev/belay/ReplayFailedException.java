package dev.belay;

/**
 * Restoring the board after a reconnect or reset failed: an entry of the history raised an
 * exception when it was run again (an import of a module that is no longer on the board, say).
 * The message names the entry and the board's error; the cause is the {@link DeviceException}.
 *
 * <pre>{@code
 * catch (ReplayFailedException e) {
 *     e.entry();   // the history entry that failed
 * }
 * }</pre>
 */
public class ReplayFailedException extends BelayException {
    private static final long serialVersionUID = 1L;

    private final transient HistoryEntry entry;

    public ReplayFailedException(String message, HistoryEntry entry, Throwable cause) {
        super(message, cause);
        this.entry = entry;
    }

    /** The history entry whose replay failed. */
    public HistoryEntry entry() {
        return entry;
    }
}
