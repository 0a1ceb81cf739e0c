package dev.belay.internal.repl;

/**
 * The board restarted while a command ran: its reply ended in a fresh prompt instead of the
 * command's frame. Internal: the session layer restores the board and reports a
 * {@link dev.belay.BoardResetException} to the user; this type never reaches user code.
 */
public final class BoardRestartedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String evidence;

    BoardRestartedException(String evidence) {
        super("The board restarted: " + evidence, null, false, false);
        this.evidence = evidence;
    }

    /** What showed the restart, as a phrase: {@code it sent '...'}. */
    public String evidence() {
        return evidence;
    }
}
