package dev.belay.internal.board;

import dev.belay.ProtocolException;
import dev.belay.internal.repl.BoardSource;
import dev.belay.internal.repl.MarkedReply;
import dev.belay.internal.repl.PythonError;
import dev.belay.internal.repl.RawRepl;
import dev.belay.internal.repl.RawReply;
import dev.belay.value.PythonLiteral;
import dev.belay.value.PythonValueParser;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Belay's own protocol for calls on the board, in one place: the helpers of
 * {@code belay_helpers.py} and their nonce, the code that calls them, and the decoding of each
 * reply into a {@link CallResult}. Nothing else in Belay spells a {@code _belay} name of these
 * helpers. Not part of the API: its shape may change in any release.
 *
 * <pre>{@code
 * BoardCalls calls = new BoardCalls(commands);
 * commands.exec(calls.helperSource(), timeout, "Belay's helpers");
 * CallResult result = calls.evaluate("1 + 1", timeout);
 * }</pre>
 */
public final class BoardCalls {

    private static final String IMPLEMENTATION = BoardSource.load("belay_implementation.py").strip();
    private static final String EMITTER_PROBE = BoardSource.load("belay_emitter_probe.py");

    private final BoardHelpers helpers = BoardHelpers.withFreshNonce();
    private final Commands commands;

    public BoardCalls(Commands commands) {
        this.commands = commands;
    }

    /** The helpers to install on a fresh board, before any call. */
    public String helperSource() {
        return helpers.source();
    }

    /** Evaluates an expression. */
    public CallResult evaluate(String expression, Duration timeout) {
        return run("lambda: (" + expression + "\n)", timeout, expression);
    }

    /** Calls a function with arguments, each converted to its Python literal. */
    public CallResult invoke(String function, List<?> args, Duration timeout) {
        String call = function + "(" + args.stream().map(PythonLiteral::of).collect(Collectors.joining(", ")) + ")";
        return run("lambda: " + call, timeout, call);
    }

    /** Pulls the next value of a generator the board keeps; {@link CallResult.End} when it has none. */
    public CallResult next(CallResult.Generator generator, Duration timeout) {
        return run("lambda: _belay_next(" + generator.id() + ")", timeout, "the next value of a generator");
    }

    /** Lets the board drop a generator it keeps, whether or not it had ended. */
    public void drop(CallResult.Generator generator, Duration timeout) {
        RawReply reply = commands.exec("_belay_g.pop(" + generator.id() + ", None)", timeout, "dropping a generator");
        if (reply.failed()) {
            throw new ProtocolException("The board could not drop a generator Belay kept for it: "
                    + reply.errorText().strip() + ". Were Belay's helpers replaced?");
        }
    }

    /** A call that only checks that this connection's helpers are on the board. */
    public CallResult probe(Duration timeout) {
        return run("lambda: None", timeout, "a check that Belay's helpers are on the board");
    }

    /** Whether the board can import {@code module}. */
    public CallResult has(String module, Duration timeout) {
        return run("lambda: _belay_has(" + PythonLiteral.of(module) + ")", timeout, "import " + module);
    }

    /** The tuple (name, version, platform, _mpy or None) describing the firmware. */
    public CallResult implementation(Duration timeout) {
        return run("lambda: " + IMPLEMENTATION, timeout, "sys.implementation");
    }

    /** Whether a function compiled with the code emitter {@code emitter} ({@code native}, {@code viper}) runs. */
    public boolean emitterWorks(String emitter, Duration timeout) {
        if (!emitter.matches("[a-z_]+")) {
            throw new IllegalArgumentException("No such emitter: " + emitter);
        }
        return !commands.exec(EMITTER_PROBE.replace("@EMITTER@", emitter), timeout, "the " + emitter + " emitter")
                .failed();
    }

    private CallResult run(String function, Duration timeout, String what) {
        MarkedReply reply = commands.call("_belay_run(" + function + ")", helpers.framing(), timeout, what);
        return decode(reply, what);
    }

    /** Turns a framed reply into its result; a reply of no known shape is a {@link ProtocolException}. */
    static CallResult decode(MarkedReply reply, String what) {
        return switch (reply.kind()) {
            case MarkedReply.NOT_RUN -> new CallResult.Raised(PythonError.parse(reply.errorText()), false);
            case MarkedReply.CUT_OFF -> new CallResult.Raised(PythonError.parse(reply.errorText()), true);
            case 'E' -> new CallResult.Raised(PythonError.parse(reply.payload()), true);
            case 'G' -> new CallResult.Generator(generatorId(reply.payload()));
            case 'S' -> new CallResult.End();
            case 'R' -> new CallResult.Value(PythonValueParser.parse(reply.payload()));
            default -> throw new ProtocolException("The board answered " + RawRepl.quote(what) + " with a result of unknown "
                    + "kind '" + printable(reply.kind()) + "'; were Belay's helpers replaced on the board?");
        };
    }

    private static long generatorId(String payload) {
        if (!payload.matches("[0-9]{1,18}")) {
            throw new ProtocolException("The board named a generator '" + payload.substring(0, Math.min(40,
                    payload.length())) + "', which is not a number; were Belay's helpers replaced on the board?");
        }
        return Long.parseLong(payload);
    }

    private static String printable(char kind) {
        return kind >= 0x20 && kind < 0x7f ? String.valueOf(kind) : String.format("\\x%02x", (int) kind);
    }
}
