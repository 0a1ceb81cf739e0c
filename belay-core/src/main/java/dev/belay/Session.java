package dev.belay;

import dev.belay.repl.BoardRestartedException;
import dev.belay.repl.MarkedReply;
import dev.belay.repl.PythonError;
import dev.belay.repl.RawReply;
import dev.belay.repl.RawRepl;
import dev.belay.repl.ReplSettings;
import dev.belay.repl.RestartSigns;
import dev.belay.sync.FileSync;
import dev.belay.sync.SyncResult;
import dev.belay.sync.SyncTarget;
import dev.belay.transport.TappedTransport;
import dev.belay.transport.Transport;
import dev.belay.transport.Transports;
import dev.belay.value.PythonLiteral;
import dev.belay.value.PythonValueParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a board and everything known about it: the protocol engine, Belay's helpers
 * on the board, the history of state-changing calls, where the user's functions were defined,
 * teardown code. All {@link Device} views of one connection share it; its methods run one at a
 * time.
 *
 * <p>Every call goes through {@link #guarded}: a lost connection is reconnected (as
 * {@link DeviceOptions#attempts()} allows) and a board found restarted is restored, by replaying
 * the history, before the call runs.
 */
final class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);

    /** What a call returns when the board handed back a generator, to be pulled from by id. */
    record GeneratorRef(long id) {}

    /** Sources longer than this go in pieces to boards without raw-paste (see {@link #execStaged}). */
    private static final int STAGING_THRESHOLD = 1024;
    private static final int STAGING_PIECE = 256;
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    /** What pulling from a finished generator returns. */
    static final Object END = new Object();

    private final DeviceOptions options;
    private final BoardHelpers helpers = BoardHelpers.withFreshNonce();
    private final TracebackMapper tracebacks = new TracebackMapper();
    private final List<HistoryEntry> history = new ArrayList<>();
    /** For entries that are not code (syncs): what replays them, by the entry's position. */
    private final Map<Integer, Consumer<SyncTarget>> replays = new HashMap<>();
    private final List<String> teardowns = new ArrayList<>();
    private final Consumer<String> output;
    private final String connection;
    private final Transcript transcript = new Transcript();
    private Transport transport;
    private RawRepl repl;
    private boolean lost;
    private boolean closed;
    /** How many times the board was restored; lets {@link #ensureSession()} tell whether it replayed. */
    private int restores;

    private Session(Transport transport, DeviceOptions options) {
        this.connection = transport.name();
        this.options = options;
        this.output = options.output() != null ? options.output() : logTo(connection);
        attach(transport);
    }

    private void attach(Transport fresh) {
        this.transport = fresh instanceof TappedTransport ? fresh : new TappedTransport(fresh, new TappedTransport.Tap() {
            @Override
            public void sent(byte[] data, int offset, int length) {
                transcript.sent(data, offset, length);
            }

            @Override
            public void received(byte[] data, int offset, int length) {
                transcript.received(data, offset, length);
            }
        });
        this.repl = new RawRepl(transport, new ReplSettings(options.pacing(), options.rawPaste(), options.connectTimeout()));
    }

    private static Consumer<String> logTo(String connection) {
        Logger log = LoggerFactory.getLogger("dev.belay.board." + connection.replaceAll("[^A-Za-z0-9]+", "_"));
        return line -> log.info("{}", line);
    }

    static Session open(String connection, DeviceOptions options) {
        Transport transport = Transports.open(connection, options.linkOptions());
        Session session = new Session(transport, options);
        try {
            session.repl.enterRawMode();
            session.installHelpers();
        } catch (DeviceTimeoutException e) {
            transport.close();
            throw new ConnectionException(e.getMessage(), e);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        return session;
    }

    DeviceOptions options() {
        return options;
    }

    String name() {
        return connection;
    }

    Transcript transcript() {
        return transcript;
    }

    /**
     * Soft-resets the board and replays the history: a known state before a test, with what the
     * tests set up put back.
     */
    synchronized void restore() {
        guarded(() -> {
            restoreAfterRestart("a restore was asked for");
            return null;
        });
    }

    TracebackMapper tracebacks() {
        return tracebacks;
    }

    synchronized List<HistoryEntry> history() {
        return List.copyOf(history);
    }

    /** Runs statements; returns what they printed. Records them in the history when asked to. */
    synchronized String exec(String code, Duration timeout, HistoryEntry record) {
        String printed = guarded(() -> execRaw(code, timeout));
        if (record != null) {
            history.add(record);
        }
        return printed;
    }

    /**
     * Syncs a folder as one guarded operation and records it; its replay syncs the folder again
     * (as it is on disk then), writing only what differs.
     */
    synchronized SyncResult sync(FileSync sync, String description) {
        SyncResult result = guarded(() -> sync.run(rawTarget));
        replays.put(history.size(), sync::run);
        history.add(new HistoryEntry(HistoryEntry.Kind.SYNC, "", description));
        return result;
    }

    /** The board without reconnect or restore around each command: for syncs and their replay. */
    private final SyncTarget rawTarget = new SyncTarget() {
        @Override
        public void exec(String code) {
            execRaw(code, options.timeout());
        }

        @Override
        public Object eval(String expression) {
            return callRaw("_belay_run(lambda: (" + expression + "\n))", options.timeout());
        }

        @Override
        public boolean rawPaste() {
            return repl.rawPaste() == RawRepl.RawPaste.SUPPORTED;
        }
    };

    /**
     * Runs helper-wrapped code and returns the value it reported: a parsed value, a
     * {@link GeneratorRef}, or {@link #END}.
     */
    synchronized Object call(String code, Duration timeout) {
        return guarded(() -> callRaw(code, timeout));
    }

    /**
     * Runs an operation on a connected board in a known state. A connection found lost is
     * reconnected and the board restored before the operation runs; one lost while it runs is
     * reconnected and the operation run once more. A board found restarted is restored the same way.
     */
    private <T> T guarded(Supplier<T> operation) {
        ensureOpen();
        if (lost) {
            reconnect(null);
        }
        try {
            noticeUnsolicitedOutput();
            return operation.get();
        } catch (ConnectionLostException e) {
            lost = true;
            reconnect(e);
            try {
                return operation.get();
            } catch (ConnectionLostException again) {
                lost = true;
                throw new ConnectionLostException("The connection to " + connection + " was lost again while the "
                        + "interrupted call ran a second time; that call may be what disconnects the board. "
                        + again.getMessage(), again);
            }
        } catch (BoardRestartedException e) {
            throw restartedDuringCall("'" + e.evidence() + "'");
        } catch (ProtocolException e) {
            String seen = repl.lastBytes() + repl.settle();
            if (!RestartSigns.shownIn(seen)) {
                throw e;
            }
            throw restartedDuringCall("'" + seen + "'");
        } catch (DeviceException e) {
            if (!helpersGone(e)) {
                throw e;
            }
            // The helpers' absence stopped the call before any of it ran: it is safe to run it now.
            restoreAfterRestart("Belay's helpers were gone: " + e.pythonMessage());
            return operation.get();
        }
    }

    /**
     * The board restarted while a call ran, perhaps because of the call ({@code sys.exit()}):
     * restore it, and report instead of running the call again.
     */
    private BoardResetException restartedDuringCall(String evidence) {
        restoreAfterRestart(evidence);
        return new BoardResetException("The board at " + connection + " restarted while the call ran (it sent "
                + evidence + "). Its state was restored from the history (" + history.size() + " entries), but the "
                + "call was not run again: it may be what reset the board.");
    }

    /** Whether an exception says that Belay's helpers are not on the board any more. */
    private static boolean helpersGone(DeviceException e) {
        return e.pythonType().equals("NameError") && e.pythonMessage().contains("'_belay");
    }

    /**
     * Looks at what the board sent since the last call: a restart's banner means the state must be
     * restored; anything else (a board thread's prints) goes to the output consumer.
     */
    private void noticeUnsolicitedOutput() {
        byte[] waiting = repl.unsolicited();
        if (waiting.length == 0) {
            return;
        }
        String text = new String(waiting, StandardCharsets.UTF_8);
        if (RestartSigns.shownIn(text)) {
            restoreAfterRestart("'" + text.strip() + "'");
            return;
        }
        text.lines().forEach(output);
    }

    /**
     * Checks that the board still holds this session's helpers, and restores it from the history
     * when it does not (it was reset since the last call). Cheap when nothing happened: one round trip.
     */
    synchronized boolean ensureSession() {
        ensureOpen();
        if (lost) {
            reconnect(null);
            return true;
        }
        int before = restores;
        guarded(() -> callRaw("_belay_run(lambda: _belay_m)", options.timeout()));
        return restores != before;
    }

    private void restoreAfterRestart(String evidence) {
        LOG.info("The board at {} restarted ({}); restoring its state", connection, evidence);
        repl.settle();
        repl.enterRawMode();
        restoreState();
    }

    /**
     * Reconnects as {@link DeviceOptions#attempts()} allows: 0 never, N times one second apart,
     * negative forever. Restores the board's state on success.
     */
    private void reconnect(ConnectionLostException cause) {
        int attempts = options.attempts();
        if (attempts == 0) {
            throw new ConnectionLostException((cause != null ? cause.getMessage() + " " : "The connection to "
                    + connection + " was lost. ") + "Reconnecting is off (attempts = 0): set "
                    + "DeviceOptions.withAttempts to let Belay reconnect and restore the board.", cause);
        }
        long start = System.nanoTime();
        RuntimeException last = cause;
        int tries = 0;
        while (attempts < 0 || tries < attempts) {
            pause();
            tries++;
            try {
                attach(transport.reopen(options.linkOptions()));
                repl.enterRawMode();
                restoreState();
                lost = false;
                LOG.info("Reconnected to {} after {} attempt(s)", connection, tries);
                return;
            } catch (ReplayFailedException e) {
                throw e;
            } catch (BelayException e) {
                last = e;
                LOG.debug("Reconnect attempt {} to {} failed: {}", tries, connection, e.getMessage());
            }
        }
        throw new ConnectionLostException(String.format(Locale.ROOT, "Lost the connection to %s and could not "
                + "restore it: %d attempts over %.1f s. Last error: %s", connection, tries,
                (System.nanoTime() - start) / 1e9, last == null ? "none" : last.getMessage()), last);
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionLostException("Interrupted while waiting to reconnect.", e);
        }
    }

    /** Soft-resets the board into a known state, puts Belay's helpers back and replays the history. */
    private void restoreState() {
        repl.softReset();
        installHelpers();
        for (int i = 0; i < history.size(); i++) {
            HistoryEntry entry = history.get(i);
            try {
                Consumer<SyncTarget> replay = replays.get(i);
                if (replay != null) {
                    replay.accept(rawTarget);
                } else {
                    execRaw(entry.code(), options.timeout());
                }
            } catch (dev.belay.sync.SyncException e) {
                throw new ReplayFailedException("Restoring the board at " + connection + " failed at history entry "
                        + (i + 1) + " of " + history.size() + " (" + entry.description() + "): " + e.getMessage(), entry, e);
            } catch (DeviceException e) {
                throw new ReplayFailedException("Restoring the board at " + connection + " failed at history entry "
                        + (i + 1) + " of " + history.size() + " (" + entry.description() + "): the board raised "
                        + e.pythonType() + ": " + e.pythonMessage() + ". Make that entry succeed on a freshly reset "
                        + "board (is a module it imports still on the board?), or keep it out of the history with "
                        + "Record.NO.", entry, e);
            }
        }
        restores++;
    }

    private String execRaw(String code, Duration timeout) {
        if (repl.rawPaste() != RawRepl.RawPaste.SUPPORTED && code.length() > STAGING_THRESHOLD) {
            return execStaged(code, timeout);
        }
        return execDirect(code, timeout);
    }

    /**
     * Without raw-paste, the board holds the whole source in its line buffer before compiling,
     * and on a small board a buffer that cannot grow is fatal: the board hangs for good. So a large
     * source travels in pieces into a list on the board, and is joined and run there, where a lack
     * of memory is an ordinary, reportable MemoryError.
     */
    private String execStaged(String code, Duration timeout) {
        execDirect("_belay_src = []", timeout);
        int[] codePoints = code.codePoints().toArray();
        for (int start = 0; start < codePoints.length; start += STAGING_PIECE) {
            String piece = new String(codePoints, start, Math.min(STAGING_PIECE, codePoints.length - start));
            execDirect("_belay_src.append(" + PythonLiteral.of(piece) + ")", timeout);
        }
        return execDirect("try:\n    exec(''.join(_belay_src))\nfinally:\n    del _belay_src", timeout);
    }

    private String execDirect(String code, Duration timeout) {
        RawReply reply = execChecked(code, timeout);
        if (reply.failed()) {
            throw deviceException(reply.errorText());
        }
        return reply.outputText();
    }

    /** Runs code once, or twice when it may have arrived damaged (see {@link #mayHaveArrivedDamaged}); every raw command goes through here. */
    private RawReply execChecked(String code, Duration timeout) {
        RawReply reply = execOnce(code, timeout);
        if (reply.failed() && mayHaveArrivedDamaged(reply.errorText())) {
            reply = execOnce(code, timeout);
        }
        return reply;
    }

    private RawReply execOnce(String code, Duration timeout) {
        OutputLines lines = new OutputLines(output);
        try {
            return repl.exec(code.getBytes(StandardCharsets.UTF_8), timeout, lines);
        } finally {
            lines.finish();
        }
    }

    /**
     * Without raw-paste's flow control, a board whose receive buffer overflowed under load gets a
     * command with bytes missing, which almost always fails to compile (a SyntaxError, or its subclass
     * IndentationError when the lost bytes were spaces). Nothing of it ran, so it is
     * sent once more; a command that is really wrong fails the same way twice.
     */
    private boolean mayHaveArrivedDamaged(String errorText) {
        boolean damaged = repl.rawPaste() != RawRepl.RawPaste.SUPPORTED
                && (errorText.contains("SyntaxError") || errorText.contains("IndentationError"));
        if (damaged) {
            LOG.debug("A command to {} did not compile; sending it once more in case bytes were lost", connection);
        }
        return damaged;
    }

    private Object callRaw(String code, Duration timeout) {
        MarkedReply reply = callOnce(code, timeout);
        if (reply.kind() == MarkedReply.NOT_RUN && mayHaveArrivedDamaged(reply.errorText())) {
            reply = callOnce(code, timeout);
        }
        return switch (reply.kind()) {
            case MarkedReply.NOT_RUN -> throw deviceException(reply.errorText());
            case 'E' -> throw deviceException(reply.payload());
            case 'G' -> new GeneratorRef(Long.parseLong(reply.payload()));
            case 'S' -> END;
            case 'R' -> PythonValueParser.parse(reply.payload());
            default -> throw new ProtocolException("The board's helper reported a result of unknown kind '"
                    + reply.kind() + "'.");
        };
    }

    private MarkedReply callOnce(String code, Duration timeout) {
        OutputLines lines = new OutputLines(output);
        try {
            return repl.call(code.getBytes(StandardCharsets.UTF_8), helpers.marker(), timeout, lines);
        } finally {
            lines.finish();
        }
    }

    private DeviceException deviceException(String errorText) {
        PythonError error = PythonError.parse(errorText);
        return new DeviceException(error.type(), error.message(), tracebacks.map(error.traceback()));
    }

    private void installHelpers() {
        RawReply reply = execChecked(new String(helpers.source(), StandardCharsets.UTF_8), options.connectTimeout());
        if (reply.failed()) {
            throw new ProtocolException("The board refused Belay's helper code: " + reply.errorText().strip()
                    + ". Is this MicroPython?");
        }
    }

    /** Soft-resets the board and forgets the history: what it held is gone on purpose. */
    synchronized void softReset() {
        guarded(() -> {
            repl.softReset();
            installHelpers();
            return null;
        });
        history.clear();
        replays.clear();
    }

    void interrupt() {
        repl.interrupt();
    }

    synchronized void addTeardown(String code) {
        ensureOpen();
        teardowns.add(code);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This device (" + connection + ") is closed; connect again.");
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
                exec(code, options.timeout(), null);
            } catch (RuntimeException e) {
                failure = keep(failure, e);
            }
        }
        closed = true;
        try {
            repl.exitRawMode();
        } catch (BelayException e) {
            // The board is already gone; releasing the port is all that is left to do.
        } finally {
            transport.close();
        }
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
