package dev.belay;

import dev.belay.repl.MarkedReply;
import dev.belay.repl.PythonError;
import dev.belay.repl.RawReply;
import dev.belay.repl.RawRepl;
import dev.belay.repl.ReplSettings;
import dev.belay.transport.Transport;
import dev.belay.transport.Transports;
import dev.belay.value.PythonLiteral;
import dev.belay.value.PythonValueParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open connection to a board and everything known about it: the protocol engine, Belay's
 * helpers on the board, where the user's functions were defined, teardown code. All
 * {@link Device} views of one connection share it; its methods run one at a time.
 */
final class Session {

    /** What a call returns when the board handed back a generator, to be pulled from by id. */
    record GeneratorRef(long id) {}

    /** Sources longer than this go in pieces to boards without raw-paste (see {@link #execStaged}). */
    private static final int STAGING_THRESHOLD = 1024;
    private static final int STAGING_PIECE = 256;

    /** What pulling from a finished generator returns. */
    static final Object END = new Object();

    private final Transport transport;
    private final RawRepl repl;
    private final DeviceOptions options;
    private final BoardHelpers helpers = BoardHelpers.withFreshNonce();
    private final TracebackMapper tracebacks = new TracebackMapper();
    private final List<String> teardowns = new ArrayList<>();
    private final Consumer<String> output;
    private boolean closed;

    private Session(Transport transport, DeviceOptions options) {
        this.transport = transport;
        this.options = options;
        this.repl = new RawRepl(transport,
                new ReplSettings(options.pacing(), options.rawPaste(), options.connectTimeout()));
        this.output = options.output() != null ? options.output() : logTo(transport.name());
    }

    private static Consumer<String> logTo(String connection) {
        Logger log = LoggerFactory.getLogger("dev.belay.board." + connection.replaceAll("[^A-Za-z0-9]+", "_"));
        return line -> log.info("{}", line);
    }

    static Session open(String connection, DeviceOptions options) {
        Transport transport = Transports.open(connection, options);
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
        return transport.name();
    }

    TracebackMapper tracebacks() {
        return tracebacks;
    }

    /** Runs statements; returns what they printed. */
    synchronized String exec(String code, Duration timeout) {
        ensureOpen();
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
        OutputLines lines = new OutputLines(output);
        RawReply reply;
        try {
            reply = repl.exec(code.getBytes(StandardCharsets.UTF_8), timeout, lines);
        } finally {
            lines.finish();
        }
        if (reply.failed()) {
            throw deviceException(reply.errorText());
        }
        return reply.outputText();
    }

    /**
     * Runs helper-wrapped code and returns the value it reported: a parsed value, a
     * {@link GeneratorRef}, or {@link #END}.
     */
    synchronized Object call(String code, Duration timeout) {
        ensureOpen();
        OutputLines lines = new OutputLines(output);
        MarkedReply reply;
        try {
            reply = repl.call(code.getBytes(StandardCharsets.UTF_8), helpers.marker(), timeout, lines);
        } finally {
            lines.finish();
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

    private DeviceException deviceException(String errorText) {
        PythonError error = PythonError.parse(errorText);
        return new DeviceException(error.type(), error.message(), tracebacks.map(error.traceback()));
    }

    private void installHelpers() {
        RawReply reply = repl.exec(helpers.source(), options.connectTimeout(), dev.belay.repl.OutputListener.NONE);
        if (reply.failed()) {
            throw new ProtocolException("The board refused Belay's helper code: " + reply.errorText().strip()
                    + ". Is this MicroPython?");
        }
    }

    synchronized void softReset() {
        ensureOpen();
        repl.softReset();
        tracebacks.clear();
        installHelpers();
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
            throw new IllegalStateException("This device (" + transport.name() + ") is closed; connect again.");
        }
    }

    boolean isClosed() {
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
                exec(code, options.timeout());
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
