package dev.belay;

import dev.belay.internal.board.BoardCalls;
import dev.belay.internal.board.CallResult;
import dev.belay.internal.repl.BoardRestartedException;
import dev.belay.internal.repl.RawReply;
import dev.belay.sync.SyncException;
import dev.belay.sync.SyncTarget;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a board into the state its history describes: a soft reset, Belay's helpers, then every
 * entry replayed in order under the deadline it was recorded with. Until a restore has finished,
 * the history is marked stale, so a restore that failed half way is tried again before the next
 * call instead of letting it run on a half-restored board.
 */
final class BoardRestore implements ReplayTarget {

    private static final Logger LOG = LoggerFactory.getLogger(BoardRestore.class);
    /** Restarts during one restore (a board that resets while it boots) before it gives up. */
    private static final int RESTARTS_TOLERATED = 3;

    private final Connection connection;
    private final CommandRunner commands;
    private final BoardCalls calls;
    private final History history;
    /** How many restores finished: lets {@link Session#ensureSession()} tell whether one happened. */
    private int count;

    BoardRestore(Connection connection, CommandRunner commands, BoardCalls calls, History history) {
        this.connection = connection;
        this.commands = commands;
        this.calls = calls;
        this.history = history;
    }

    int count() {
        return count;
    }

    /** Soft-resets the board and replays the history; {@code why} goes to the log. */
    void restore(String why) {
        LOG.info("Restoring the board at {} ({})", connection.name(), why);
        for (int restarts = 0; ; restarts++) {
            try {
                connection.repl().settle();
                connection.repl().enterRawMode();
                replayAll();
                return;
            } catch (BoardRestartedException e) {
                if (restarts == RESTARTS_TOLERATED) {
                    throw new BoardResetException("The board at " + connection.name() + " restarted " + (restarts + 1)
                            + " times while Belay restored it (" + e.evidence() + "). Check its power "
                            + "supply and its boot.py/main.py.");
                }
            }
        }
    }

    /** The restore after a reconnect, which has already found the raw prompt. */
    void restoreAfterReconnect() {
        replayAll();
    }

    private void replayAll() {
        history.markStale();
        resetWithoutHistory();
        List<History.Recorded> entries = history.toReplay();
        for (int i = 0; i < entries.size(); i++) {
            History.Recorded recorded = entries.get(i);
            try {
                recorded.replay().replay(this);
            } catch (SyncException e) {
                throw failed(i, entries.size(), recorded.entry(), e.getMessage(), e);
            } catch (DeviceException e) {
                throw failed(i, entries.size(), recorded.entry(), "the board raised " + e.pythonType() + ": "
                        + e.pythonMessage() + ". Make that entry succeed on a freshly reset board (is a module it "
                        + "imports still on the board?), or keep it out of the history with Record.NO.", e);
            }
        }
        history.markRestored();
        count++;
    }

    private ReplayFailedException failed(int index, int size, HistoryEntry entry, String reason, Exception cause) {
        return new ReplayFailedException("Restoring the board at " + connection.name() + " failed at history entry "
                + (index + 1) + " of " + size + " (" + entry.description() + "): " + reason + " The board is marked "
                + "not restored: the next call tries again.", entry, cause);
    }

    /** Soft-resets the board and installs Belay's helpers, with no history replayed. */
    void resetWithoutHistory() {
        connection.repl().softReset();
        connection.restarts().acknowledge();
        installHelpers();
    }

    /** A board that restarts while Belay connects (a reset button, a USB hub's power) is taken over again. */
    void installHelpersOnConnect() {
        for (int restarts = 0; ; restarts++) {
            long seenBefore = connection.restarts().count();
            try {
                installHelpers();
            } catch (BoardRestartedException e) {
                // Seen below: the count went up.
            }
            if (connection.restarts().count() == seenBefore) {
                connection.restarts().acknowledge();
                return;
            }
            if (restarts == 2) {
                throw new ConnectionException("The board at " + connection.name() + " restarted three times while Belay "
                        + "connected (" + connection.restarts().evidence() + "). Check its power supply "
                        + "and its boot.py/main.py.");
            }
            // The board restarted while or right after it took the helpers: they may be gone again.
            connection.repl().settle();
            connection.repl().enterRawMode();
        }
    }

    void installHelpers() {
        RawReply reply = commands.execWhole(calls.helperSource(), connection.options().connectTimeout(),
                "Belay's helpers");
        if (reply.failed()) {
            throw new ProtocolException("The board refused Belay's helper code: " + reply.errorText().strip()
                    + ". Is this MicroPython?");
        }
    }

    @Override
    public void exec(String code, Duration timeout) {
        commands.run(code, timeout, code);
    }

    /** The board as a sync sees it: commands under {@code timeout}, without a guard around each. */
    @Override
    public SyncTarget syncTarget(Duration timeout) {
        return new SyncTarget() {
            @Override
            public void exec(String code) {
                BoardRestore.this.exec(code, timeout);
            }

            @Override
            public Object eval(String expression) {
                CallResult result = calls.evaluate(expression, timeout);
                if (result instanceof CallResult.Value value) {
                    return value.value();
                }
                if (result instanceof CallResult.Raised raised) {
                    throw commands.raised(raised.error());
                }
                throw new ProtocolException("A sync helper answered '" + expression + "' with " + result
                        + " instead of a value; were Belay's helpers replaced on the board?");
            }

            @Override
            public boolean rawPaste() {
                return commands.rawPaste();
            }
        };
    }
}
