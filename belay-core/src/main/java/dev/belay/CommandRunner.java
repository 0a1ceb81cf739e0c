package dev.belay;

import dev.belay.internal.board.Commands;
import dev.belay.internal.repl.BoardSource;
import dev.belay.internal.repl.CallFraming;
import dev.belay.internal.repl.MarkedReply;
import dev.belay.internal.repl.PythonError;
import dev.belay.internal.repl.RawRepl;
import dev.belay.internal.repl.RawReply;
import dev.belay.value.PythonLiteral;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends commands the way this board needs them: large sources in pieces to a board without
 * raw-paste, a command sent once more when it may have arrived damaged, and what the command
 * prints handed on line by line.
 */
final class CommandRunner implements Commands {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    /** Sources longer than this go in pieces to boards without raw-paste (see {@link #execStaged}). */
    private static final int STAGING_THRESHOLD = 1024;
    private static final int STAGING_PIECE = 256;
    private static final String STAGE_BEGIN = BoardSource.load("belay_stage_begin.py");
    private static final String STAGE_PIECE = BoardSource.load("belay_stage_piece.py");
    private static final String STAGE_RUN = BoardSource.load("belay_stage_run.py");

    private final Connection connection;
    private final Consumer<String> output;
    private final Function<PythonError, DeviceException> exceptions;

    CommandRunner(Connection connection, Consumer<String> output, Function<PythonError, DeviceException> exceptions) {
        this.connection = connection;
        this.output = output;
        this.exceptions = exceptions;
    }

    /** Runs statements and returns what they printed; a Python exception becomes a {@link DeviceException}. */
    String run(String code, Duration timeout, String what) {
        RawReply reply = exec(code, timeout, what);
        if (reply.failed()) {
            throw raised(PythonError.parse(reply.errorText()));
        }
        return reply.outputText();
    }

    /** The user's view of a Python exception the board raised. */
    DeviceException raised(PythonError error) {
        return exceptions.apply(error);
    }

    @Override
    public RawReply exec(String code, Duration timeout, String what) {
        if (!rawPaste() && code.length() > STAGING_THRESHOLD) {
            return execStaged(code, timeout, what);
        }
        return execChecked(code, timeout, what);
    }

    /**
     * Runs code in one command whatever its size: for Belay's helpers, which must be defined at the
     * top level of the board's globals (a staged source would run inside {@code exec}).
     */
    RawReply execWhole(String code, Duration timeout, String what) {
        return execChecked(code, timeout, what);
    }

    @Override
    public MarkedReply call(String code, CallFraming framing, Duration timeout, String what) {
        MarkedReply reply = callOnce(code, framing, timeout, what);
        if (reply.kind() == MarkedReply.NOT_RUN && mayHaveArrivedDamaged(reply.errorText())) {
            reply = callOnce(code, framing, timeout, what);
        }
        return reply;
    }

    /** Where the lines the board prints go. */
    Consumer<String> output() {
        return output;
    }

    boolean rawPaste() {
        return connection.repl().rawPaste() == RawRepl.RawPaste.SUPPORTED;
    }

    /**
     * Without raw-paste, the board holds the whole source in its line buffer before compiling,
     * and on a small board a buffer that cannot grow is fatal: the board hangs for good. So a large
     * source travels in pieces into a list on the board, and is joined and run there, where a lack
     * of memory is an ordinary, reportable MemoryError.
     */
    private RawReply execStaged(String code, Duration timeout, String what) {
        RawReply started = execChecked(STAGE_BEGIN, timeout, what);
        if (started.failed()) {
            return started;
        }
        int[] codePoints = code.codePoints().toArray();
        for (int start = 0; start < codePoints.length; start += STAGING_PIECE) {
            String piece = new String(codePoints, start, Math.min(STAGING_PIECE, codePoints.length - start));
            RawReply staged = execChecked(STAGE_PIECE.replace("@PIECE@", PythonLiteral.of(piece)), timeout, what);
            if (staged.failed()) {
                return staged;
            }
        }
        return execChecked(STAGE_RUN, timeout, what);
    }

    /** Runs code once, or twice when it may have arrived damaged (see {@link #mayHaveArrivedDamaged}). */
    private RawReply execChecked(String code, Duration timeout, String what) {
        RawReply reply = execOnce(code, timeout, what);
        if (reply.failed() && mayHaveArrivedDamaged(reply.errorText())) {
            reply = execOnce(code, timeout, what);
        }
        return reply;
    }

    private RawReply execOnce(String code, Duration timeout, String what) {
        OutputLines lines = new OutputLines(output);
        try {
            return connection.repl().exec(code.getBytes(StandardCharsets.UTF_8), timeout, lines, what);
        } finally {
            lines.finish();
        }
    }

    private MarkedReply callOnce(String code, CallFraming framing, Duration timeout, String what) {
        OutputLines lines = new OutputLines(output);
        try {
            return connection.repl().call(code.getBytes(StandardCharsets.UTF_8), framing, timeout, lines, what);
        } finally {
            lines.finish();
        }
    }

    /**
     * Without raw-paste's flow control, a board whose receive buffer overflowed under load gets a
     * command with bytes missing, which almost always fails to compile (a SyntaxError, or its subclass
     * IndentationError when the lost bytes were spaces). Nothing of it ran, so it is sent once
     * more; a command that is really wrong fails the same way twice.
     */
    private boolean mayHaveArrivedDamaged(String errorText) {
        boolean damaged = !rawPaste() && (errorText.contains("SyntaxError") || errorText.contains("IndentationError"));
        if (damaged) {
            LOG.debug("A command to {} did not compile; sending it once more in case bytes were lost", connection.name());
        }
        return damaged;
    }
}
