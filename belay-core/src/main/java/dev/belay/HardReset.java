package dev.belay;

import java.time.Duration;
import java.util.Locale;

/**
 * Brings back a board that ignored Ctrl-C after a call's deadline (code after
 * {@code micropython.kbd_intr(-1)}, a hang inside C), when a {@link ResetAction} is configured:
 * runs the action, opens the port again, restores the board from its history, and reports the call
 * as interrupted by the hard reset. Without an action the call's {@link DeviceTimeoutException}
 * stands; its message says the board ignores Ctrl-C and how to configure one.
 */
final class HardReset {

    /**
     * How long Ctrl-C after a deadline may go unanswered before a board with a reset action counts
     * as deaf: three rounds of interrupts, where a board that takes them answers in milliseconds.
     */
    private static final Duration DEAF_AFTER = Duration.ofSeconds(3);
    /** Where a message says the board needs a hard reset and no reset action is configured. */
    private static final String ADVICE = " Belay can do that by itself: configure a reset action (the "
            + "belay.reset setting or DeviceOptions.withResetAction; see 'Hard resets and power' in "
            + "docs/connections.md).";

    private final Connection connection;
    private final History history;
    private final BoardRestore restore;

    HardReset(Connection connection, History history, BoardRestore restore) {
        this.connection = connection;
        this.history = history;
        this.restore = restore;
    }

    /**
     * How long the raw REPL waits for Ctrl-C to be answered after a deadline before the board
     * counts as deaf. Without an action nothing would follow, so a slow board gets the whole
     * connect timeout.
     */
    static Duration deafAfter(DeviceOptions options) {
        return options.resetAction().isNone() ? options.connectTimeout() : DEAF_AFTER;
    }

    /** The sentence added where a message says the board needs a hard reset: how to let Belay do it. */
    static String advice(DeviceOptions options) {
        return options.resetAction().isNone() ? ADVICE : "";
    }

    /** Whether the board ignored Ctrl-C after the last deadline and an action can bring it back. */
    boolean applies() {
        return connection.repl().ignoresInterrupt() && !action().isNone();
    }

    /**
     * Hard-resets and restores the board after {@code timeout} found it ignoring Ctrl-C.
     *
     * @return the exception the call ends with, {@code timeout} its cause
     * @throws ResetFailedException    when the action failed; the board is left as it was
     * @throws ConnectionLostException when the board could not be reached again after the reset
     * @throws ReplayFailedException   when its history could not be replayed
     */
    BoardResetException afterTimeout(DeviceTimeoutException timeout) {
        long start = System.nanoTime();
        try {
            connection.resetHard("it ignored Ctrl-C after a call's deadline");
        } catch (ResetFailedException failed) {
            ResetFailedException report = new ResetFailedException("The board at " + connection.name() + " ignored "
                    + "Ctrl-C after the call's deadline (the cause), and its hard reset failed: " + failed.getMessage()
                    + " The board was left as it was: reset it by hand before the next call.", timeout);
            report.addSuppressed(failed);
            throw report;
        }
        try {
            connection.reopenAfterHardReset(this::restoreAfterReset);
        } catch (ConnectionLostException lost) {
            throw new ConnectionLostException("Belay hard-reset the board at " + connection.name() + " with its reset "
                    + "action '" + action() + "' after it ignored Ctrl-C, but could not reach it again. "
                    + lost.getMessage(), lost);
        }
        return new BoardResetException("The board at " + connection.name() + " ignored Ctrl-C after the call's "
                + "deadline passed, so Belay hard-reset it with its reset action '" + action() + "' and restored "
                + restored(start) + ". The call was interrupted by the hard reset and not run again; its timeout "
                + "is the cause.", timeout);
    }

    /** The call's report when the reconnect after losing the board found it mute and hard-reset it. */
    BoardResetException afterMuteReconnect(ConnectionLostException lostWhileRunning, long start) {
        return new BoardResetException("The connection to " + connection.name() + " was lost while the call ran, "
                + "and the reconnect found the board mute, so Belay hard-reset it with its reset action '" + action()
                + "' and restored " + restored(start) + ". The call was interrupted by the hard reset and not run "
                + "again.", lostWhileRunning);
    }

    /**
     * A board that was deaf has input of ours queued (the interrupts, the call's rest) that it may
     * still act on after the reset, echoing prompts: let it finish before restoring it.
     */
    private void restoreAfterReset() {
        connection.repl().settle();
        connection.repl().enterRawMode();
        restore.restoreAfterReconnect();
    }

    private String restored(long start) {
        return String.format(Locale.ROOT, "its state from the history (%d entries) in %.1f s", history.size(),
                (System.nanoTime() - start) / 1e9);
    }

    private ResetAction action() {
        return connection.options().resetAction();
    }
}
