package dev.belay.repl;

/**
 * The board restarted while a command ran: its reply ended in a fresh prompt instead of the
 * command's frame. The device layer restores the board and reports it to the user.
 */
public final class BoardRestartedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String evidence;

    BoardRestartedException(String evidence) {
        super("The board restarted; it sent '" + evidence + "'", null, false, false);
        this.evidence = evidence;
    }

    /** The last bytes the board sent, escaped. */
    public String evidence() {
        return evidence;
    }
}
