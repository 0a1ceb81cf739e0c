package dev.belay;

import dev.belay.internal.board.BoardCalls;
import dev.belay.internal.board.CallResult;
import dev.belay.internal.repl.PythonError;
import dev.belay.sync.FileSync;
import dev.belay.sync.SyncResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a board and what is known about it: the history, where the user's functions
 * were defined, teardown code. All {@link Device} views of one connection share it; its methods
 * run one at a time.
 *
 * <p>Every call goes through the {@link Guard}: a lost connection is reconnected (as
 * {@link DeviceOptions#attempts()} allows), and a board found restarted, or whose history changed
 * under it, is restored by {@link BoardRestore} before the call runs.
 */
final class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    private final Connection connection;
    private final History history = new History();
    private final TracebackMapper tracebacks = new TracebackMapper();
    private final List<String> teardowns = new ArrayList<>();
    private final CommandRunner commands;
    private final BoardCalls calls;
    private final BoardRestore restore;
    private final Guard guard;
    private boolean closed;

    private Session(Connection connection) {
        this.connection = connection;
        this.commands = new CommandRunner(connection, BoardOutput.consumerFor(connection.name(), connection.options()),
                this::deviceException);
        this.calls = new BoardCalls(commands);
        this.restore = new BoardRestore(connection, commands, calls, history);
        this.guard = new Guard(connection, history, restore, commands.output());
    }

    static Session open(String name, DeviceOptions options) {
        Connection connection = Connection.open(name, options);
        Session session = new Session(connection);
        try {
            session.restore.installHelpersOnConnect();
        } catch (DeviceTimeoutException e) {
            connection.close();
            throw new ConnectionException(e.getMessage(), e);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        return session;
    }

    DeviceOptions options() {
        return connection.options();
    }

    String name() {
        return connection.name();
    }

    Transcript transcript() {
        return connection.transcript();
    }

    TracebackMapper tracebacks() {
        return tracebacks;
    }

    History history() {
        return history;
    }

    /** Runs statements and returns what they printed; records them into {@code scope} unless it is null. */
    synchronized String exec(String code, Duration timeout, String what, HistoryScope scope, HistoryEntry entry) {
        if (scope != null) {
            history.requireOpen(scope);
        }
        String printed = guarded(() -> commands.run(code, timeout, what), false);
        if (scope != null) {
            history.record(scope, entry, target -> target.exec(code, timeout));
        }
        return printed;
    }

    /** Syncs a folder as one guarded operation and records it: its replay syncs the folder again. */
    synchronized SyncResult sync(FileSync sync, Duration timeout, HistoryScope scope, HistoryEntry entry) {
        history.requireOpen(scope);
        SyncResult result = guarded(() -> sync.run(restore.syncTarget(timeout)), true);
        history.record(scope, entry, target -> sync.run(target.syncTarget(timeout)));
        return result;
    }

    synchronized CallResult evaluate(String expression, Duration timeout) {
        return call(() -> calls.evaluate(expression, timeout));
    }

    synchronized CallResult invoke(String function, List<?> args, Duration timeout) {
        return call(() -> calls.invoke(function, args, timeout));
    }

    synchronized CallResult next(CallResult.Generator generator, Duration timeout) {
        return call(() -> calls.next(generator, timeout));
    }

    synchronized void drop(CallResult.Generator generator, Duration timeout) {
        if (!closed) {
            guarded(() -> {
                calls.drop(generator, timeout);
                return null;
            }, true);
        }
    }

    synchronized CallResult has(String module, Duration timeout) {
        return call(() -> calls.has(module, timeout));
    }

    synchronized CallResult implementation(Duration timeout) {
        return call(() -> calls.implementation(timeout));
    }

    synchronized boolean emitterWorks(String emitter, Duration timeout) {
        return guarded(() -> calls.emitterWorks(emitter, timeout), true);
    }

    /**
     * A guarded call. One that failed because Belay's helpers were gone ran none of its code: the
     * board is restored and the call made again.
     */
    private CallResult call(Supplier<CallResult> call) {
        return guarded(() -> {
            CallResult result = call.get();
            if (result instanceof CallResult.Raised raised && raised.helpersGone() && !raised.ran()) {
                restore.restore("Belay's helpers were gone: " + raised.error().message());
                result = call.get();
            }
            return result;
        }, false);
    }

    /** The Python exception of a reply, with tracebacks pointing into the user's sources. */
    DeviceException deviceException(PythonError error) {
        return new DeviceException(error.type(), error.message(), tracebacks.map(error.traceback()));
    }

    /**
     * Checks that the board still holds this session's helpers and history, restoring it when not.
     * Cheap when nothing happened: one round trip.
     */
    synchronized boolean ensureSession() {
        int before = restore.count();
        CallResult result = guarded(() -> calls.probe(connection.options().timeout()), true);
        if (result instanceof CallResult.Raised raised) {
            if (!raised.helpersGone()) {
                throw deviceException(raised.error());
            }
            restore.restore("Belay's helpers were gone: " + raised.error().message());
        }
        return restore.count() != before;
    }

    /** Soft-resets the board and replays the history. */
    synchronized void restore() {
        int before = restore.count();
        guarded(() -> {
            if (restore.count() == before) {
                // Not restored yet by the guard itself (which does so when the history changed).
                restore.restore("a restore was asked for");
            }
            return null;
        }, true);
    }

    /** Soft-resets the board and forgets the history: what it held is gone on purpose. */
    synchronized void softReset() {
        guarded(() -> {
            restore.resetWithoutHistory();
            return null;
        }, true);
        history.clear();
    }

    private <T> T guarded(Supplier<T> operation, boolean safeToRepeat) {
        ensureOpen();
        return guard.run(operation, safeToRepeat);
    }

    void interrupt() {
        connection.repl().interrupt();
    }

    synchronized void addTeardown(String code) {
        ensureOpen();
        teardowns.add(code);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This device (" + name() + ") is closed; connect again.");
        }
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Runs the teardown code in order, returns the board to its friendly REPL and releases the
     * port. Every step runs; the first failure is thrown at the end with later ones suppressed.
     */
    synchronized void close() {
        if (closed) {
            return;
        }
        RuntimeException failure = null;
        for (String code : teardowns) {
            try {
                exec(code, connection.options().timeout(), code, null, null);
            } catch (RuntimeException e) {
                failure = keep(failure, e);
            }
        }
        closed = true;
        connection.close();
        LOG.debug("Closed the connection to {}", name());
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException keep(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
