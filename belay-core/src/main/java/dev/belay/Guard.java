package dev.belay;

import dev.belay.internal.repl.BoardRestartedException;
import dev.belay.internal.repl.RestartDetector;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each call on a connected board in the state its history describes, and decides what a
 * failure means: a lost connection, a restart (seen by the one {@link RestartDetector}), or an
 * answer that made no sense. Not thread-safe: the {@link Session} runs one call at a time.
 */
final class Guard {

    private static final Logger LOG = LoggerFactory.getLogger(Guard.class);

    private final Connection connection;
    private final History history;
    private final BoardRestore restore;
    private final Consumer<String> output;
    private final HardReset hardReset;
    private boolean lost;

    Guard(Connection connection, History history, BoardRestore restore, Consumer<String> output) {
        this.connection = connection;
        this.history = history;
        this.restore = restore;
        this.output = output;
        this.hardReset = new HardReset(connection, history, restore);
    }

    /**
     * Runs an operation on a connected board in the history's state. A connection found lost is
     * reconnected and the board restored before the operation runs; one lost while it runs is
     * reconnected and the operation run once more (a call cannot have changed a board it never
     * reached, and the history puts back what it may have). A restart seen while it runs restores
     * the board; an operation that is {@code safeToRepeat} then runs again, any other is reported
     * with a {@link BoardResetException}, since it may be what reset the board. A board that
     * ignored Ctrl-C after a deadline is hard-reset when a {@link ResetAction} allows (see
     * {@link HardReset}), and the call reported the same way.
     */
    <T> T run(Supplier<T> operation, boolean safeToRepeat) {
        try {
            if (lost) {
                reconnect(null);
            }
            restoreIfNeeded();
            return operation.get();
        } catch (ConnectionLostException e) {
            lost = true;
            long start = System.nanoTime();
            boolean wasReset = reconnect(e);
            if (wasReset && !safeToRepeat) {
                throw hardReset.afterMuteReconnect(e, start);
            }
            try {
                return operation.get();
            } catch (ConnectionLostException again) {
                lost = true;
                throw new ConnectionLostException("The connection to " + connection.name() + " was lost again while the "
                        + "interrupted call ran a second time; that call may be what disconnects the board. "
                        + again.getMessage(), again);
            }
        } catch (BoardRestartedException e) {
            return afterRestart(operation, safeToRepeat);
        } catch (ProtocolException | DeviceTimeoutException e) {
            if (e instanceof DeviceTimeoutException && hardReset.applies()) {
                throw resetHard((DeviceTimeoutException) e);
            }
            // After nonsense the board is interrupted and brought back to the raw prompt (a timeout
            // has done that already); a restart's banner that was still on its way shows meanwhile.
            if (e instanceof ProtocolException) {
                recover(e);
            } else {
                connection.repl().settle();
            }
            if (connection.restarts().restarted()) {
                return afterRestart(operation, safeToRepeat);
            }
            if (e instanceof ProtocolException && safeToRepeat) {
                // A reset whose banner was lost looks like nonsense too: asking again at the raw
                // prompt shows whether Belay's helpers (and so the history) survived it.
                LOG.debug("Asking {} again after an answer that made no sense: {}", connection.name(), e.getMessage());
                return operation.get();
            }
            throw e;
        }
    }

    /** A board that ignored Ctrl-C after a deadline, hard-reset and restored; see {@link HardReset}. */
    private BoardResetException resetHard(DeviceTimeoutException timeout) {
        try {
            return hardReset.afterTimeout(timeout);
        } catch (ConnectionLostException e) {
            lost = true;
            throw e;
        }
    }

    private <T> T afterRestart(Supplier<T> operation, boolean safeToRepeat) {
        RestartDetector restarts = connection.restarts();
        String evidence = restarts.restarted() ? restarts.evidence() : "a restart was seen";
        try {
            restore.restore(evidence);
        } catch (ConnectionLostException lostWhileRestoring) {
            // The reconnect restores the board from the start; the call is still not run again.
            lost = true;
            reconnect(lostWhileRestoring);
        }
        if (safeToRepeat) {
            return operation.get();
        }
        throw new BoardResetException("The board at " + connection.name() + " restarted while the call ran ("
                + evidence + "). Its state was restored from the history (" + history.size() + " entries), but the call was not "
                + "run again: it may be what reset the board.");
    }

    /** After an answer that made no sense, interrupts the board and brings it back to the raw prompt. */
    private void recover(RuntimeException failure) {
        try {
            connection.repl().recover();
        } catch (RuntimeException unrecovered) {
            failure.addSuppressed(unrecovered);
        }
    }

    /**
     * Restores the board before a call when it restarted since the last one (what it sent
     * meanwhile shows it), or when its history changed, or when an earlier restore did not finish.
     * Anything else it sent unasked (a board thread's prints) goes to the output consumer.
     */
    private void restoreIfNeeded() {
        byte[] waiting = connection.repl().unsolicited();
        if (connection.restarts().restarted()) {
            restore.restore(connection.restarts().evidence());
        } else if (history.isStale()) {
            restore.restore("its history changed or an earlier restore did not finish");
        } else if (looksLikeProtocolLeftovers(waiting)) {
            // Prompts or frame ends between calls: the board is not where the last call left it.
            LOG.debug("{} sent protocol bytes between calls; bringing it back to the raw prompt", connection.name());
            connection.repl().recover();
        } else if (waiting.length > 0) {
            new String(waiting, StandardCharsets.UTF_8).lines().forEach(output);
        }
    }

    private static boolean looksLikeProtocolLeftovers(byte[] waiting) {
        for (byte b : waiting) {
            if (b == 0x04 || b == 0x1e || b == 0x1f) {
                return true;
            }
        }
        return false;
    }

    /** Whether the reconnect found the board mute and hard-reset it. */
    private boolean reconnect(ConnectionLostException cause) {
        boolean wasReset = connection.reconnect(cause, restore::restoreAfterReconnect);
        lost = false;
        return wasReset;
    }
}
