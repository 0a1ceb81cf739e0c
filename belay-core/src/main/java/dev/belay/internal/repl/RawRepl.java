package dev.belay.internal.repl;

import dev.belay.DeviceTimeoutException;
import dev.belay.ProtocolException;
import dev.belay.WritePacing;
import dev.belay.transport.Deadline;
import dev.belay.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * MicroPython's raw REPL on a transport: getting the board's attention, executing code with
 * raw-paste or paced plain writes, framing the reply, soft reset and interrupt.
 *
 * <p>Framing of a reply in raw mode: {@code OK}, the output, {@code \x04}, the exception text,
 * {@code \x04}, {@code >}. In raw-paste mode the {@code OK} is replaced by the board's echo of the
 * host's closing {@code \x04}. Not thread-safe except {@link #interrupt()}: one command at a time.
 *
 * <pre>{@code
 * RawRepl repl = new RawRepl(transport, settings, new RestartDetector());
 * repl.enterRawMode();
 * RawReply reply = repl.exec("print(1 + 1)".getBytes(UTF_8), Duration.ofSeconds(5), OutputListener.NONE, "print(1 + 1)");
 * }</pre>
 */
public final class RawRepl {

    private static final byte CTRL_A = 0x01;
    private static final byte CTRL_B = 0x02;
    private static final byte CTRL_C = 0x03;
    private static final byte CTRL_D = 0x04;
    private static final byte[] ATTENTION = {'\r', CTRL_C, CTRL_C, CTRL_A};
    private static final byte[] RAW_PROMPT = ascii("raw REPL; CTRL-B to exit\r\n>");
    /** The raw prompt's tail, for when its first bytes were already read as something else. */
    private static final byte[] RAW_PROMPT_TAIL = ascii("CTRL-B to exit\r\n>");
    private static final byte[] RAW_PASTE_REQUEST = {0x05, 'A', CTRL_A};
    private static final byte[] OK = ascii("OK");
    private static final byte[] PROMPT = {'>'};
    /** How the raw REPL ends a command that failed outside Belay's helper: the error's end and the prompt. */
    private static final byte[] END_OF_COMMAND = {CTRL_D, '>'};
    /** Silence after what looks like the end of a command, to tell it from output that only looks so. */
    private static final long CUT_OFF_QUIET_MILLIS = 30;
    /** What one command's output may hold; past it the oldest output is dropped. */
    private static final int OUTPUT_LIMIT = 1 << 20;
    /** What a result or an exception text may hold before the board is taken to misbehave. */
    private static final int RESULT_LIMIT = 64 << 20;
    private static final int ERROR_LIMIT = 64 << 10;
    /** How long one attempt to get attention waits before sending the interrupts again. */
    private static final Duration ATTENTION_RETRY = Duration.ofMillis(1_000);
    /** Silence that tells stale prompts from a repeated attention attempt have all arrived. */
    private static final long STALE_QUIET_MILLIS = 50;
    /** Silence that tells a restarted board has finished printing its banner and prompts. */
    private static final long SETTLE_QUIET_MILLIS = 100;

    private final Transport transport;
    private final ReplReader reader;
    private final ReplSettings settings;
    private final Object writeLock = new Object();
    private RawPaste rawPaste = RawPaste.UNKNOWN;
    /** Set when the board did not come back to the raw prompt after a failure: checked before the next command. */
    private boolean unsure;
    /** The raw-paste window the firmware granted, once known. */
    private int window;

    /** What the firmware said about raw-paste. */
    public enum RawPaste { UNKNOWN, SUPPORTED, UNSUPPORTED }

    public RawRepl(Transport transport, ReplSettings settings, RestartDetector restarts) {
        this.transport = transport;
        this.reader = new ReplReader(transport, restarts);
        this.settings = settings;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Interrupts whatever runs and enters raw mode, from any state: a running program, the
     * friendly REPL, raw mode, or a boot still printing its banner. Slow boards get the interrupts
     * again every second until the attention timeout.
     *
     * @throws DeviceTimeoutException when the board never showed the raw REPL prompt
     */
    public void enterRawMode() {
        enterRawMode(settings.attentionTimeout());
    }

    private void enterRawMode(Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        int tries = 0;
        while (true) {
            tries++;
            write(ATTENTION);
            try {
                reader.skipPast(RAW_PROMPT, Deadline.after(ATTENTION_RETRY).orSooner(deadline), "the raw REPL prompt");
                break;
            } catch (WaitTimedOut e) {
                if (deadline.hasPassed()) {
                    throw new DeviceTimeoutException("The board at " + transport.name() + " did not show the raw REPL "
                            + "prompt within " + seconds(timeout) + " (" + tries
                            + " interrupt attempts); last bytes received: '" + e.lastBytes() + "'. Check that it "
                            + "runs MicroPython and that nothing else uses the port; a board stuck in code that "
                            + "ignores Ctrl-C needs a hard reset." + settings.resetAdvice());
                }
            }
        }
        if (tries > 1) {
            // Earlier attempts may still answer with prompts of their own: let them pass.
            reader.drain(STALE_QUIET_MILLIS, Deadline.after(settings.attentionTimeout()));
        }
        unsure = false;
    }

    /**
     * Runs {@code code} and returns its output and exception text. When the deadline passes, the
     * board is interrupted and brought back to the raw prompt before the timeout is thrown. A
     * restart of the board while the reply comes in ends the call with a
     * {@link BoardRestartedException}.
     *
     * @param what the command as the user knows it, for messages (its first line is quoted)
     */
    public RawReply exec(byte[] code, Duration timeout, OutputListener listener, String what) {
        Deadline deadline = Deadline.after(timeout);
        long mark = reader.mark();
        try {
            sendOrRecover(code, deadline, what);
            BoundedBytes output = new BoundedBytes(OUTPUT_LIMIT);
            reader.readUntil(CTRL_D, deadline, "the end of the command's output", outputSink(output, listener));
            return new RawReply(output.toByteArray(), readErrorAndPrompt(deadline));
        } catch (WaitTimedOut e) {
            throw timedOut(timeout, e, what, mark);
        } finally {
            reader.watchForRestarts(false);
        }
    }

    /**
     * Runs code that reports its result in-band, as {@code framing} describes: it prints the start
     * byte first, then whatever the user's code prints, then the marker, a kind byte, the payload
     * and the end byte. Since the marker holds a secret the user's code cannot know, nothing it
     * prints (not even {@code \x04}) can be mistaken for the result. Code that fails before it runs
     * (a syntax error), or whose reporting was itself cut off (a {@code MemoryError} with no memory
     * left to report it), comes back with the exception text instead.
     */
    public MarkedReply call(byte[] code, CallFraming framing, Duration timeout, OutputListener listener, String what) {
        Deadline deadline = Deadline.after(timeout);
        long mark = reader.mark();
        try {
            sendOrRecover(code, deadline, what);
            int first = reader.readByte(deadline, "the start of the call");
            if (first == CTRL_D) {
                return MarkedReply.notRun(readErrorAndPrompt(deadline));
            }
            if (first != (framing.start() & 0xff)) {
                throw new ProtocolException("Expected '" + Bytes.show(new byte[] {framing.start()}) + "' opening the "
                        + "call's output, got '" + Bytes.show(new byte[] {(byte) first}) + "'. Were Belay's helpers "
                        + "removed from the board?");
            }
            BoundedBytes output = new BoundedBytes(OUTPUT_LIMIT);
            boolean marked = reader.readUntilMarker(framing.marker(), deadline, "the call's result",
                    outputSink(output, listener), () -> endedWithoutResult(output));
            if (!marked) {
                byte[] seen = output.toByteArray();
                return MarkedReply.cutOff(seen, errorAfterLastEnd(seen));
            }
            int kind = reader.readByte(deadline, "the kind of the call's result");
            BoundedBytes payload = new BoundedBytes(RESULT_LIMIT);
            int ended = reader.readUntilEither(framing.end() & 0xff, CTRL_D, deadline, "the end of the call's result",
                    payload::write);
            if (ended == CTRL_D) {
                // The helper was cut off while it reported: what follows is the raw REPL's exception.
                return MarkedReply.cutOff(output.toByteArray(), readErrorAndPrompt(deadline));
            }
            if (payload.dropped() > 0) {
                throw new ProtocolException("The board sent a result of more than " + (RESULT_LIMIT >> 20) + " MiB for "
                        + quote(what) + "; return less (a slice, a summary) or stream it with a generator task.");
            }
            reader.expect(new byte[] {CTRL_D}, deadline, "after the call's result");
            return new MarkedReply(output.toByteArray(), (char) kind, new String(payload.toByteArray(),
                    StandardCharsets.UTF_8), readErrorAndPrompt(deadline));
        } catch (WaitTimedOut e) {
            throw timedOut(timeout, e, what, mark);
        } finally {
            reader.watchForRestarts(false);
        }
    }

    /**
     * Whether the output so far ends as a raw REPL command does ({@code \x04}, an exception,
     * {@code \x04>}) and the board then went quiet: Belay's helper died before it could report.
     */
    private boolean endedWithoutResult(BoundedBytes output) {
        return output.endsWith(END_OF_COMMAND) && output.count(CTRL_D) >= 2 && reader.quietFor(CUT_OFF_QUIET_MILLIS);
    }

    /** The exception text between the last two {@code \x04} of a cut-off call's output. */
    private static String errorAfterLastEnd(byte[] output) {
        int end = output.length - END_OF_COMMAND.length;
        int start = end - 1;
        while (start >= 0 && output[start] != CTRL_D) {
            start--;
        }
        return new String(output, start + 1, end - start - 1, StandardCharsets.UTF_8);
    }

    /**
     * Sends the command; when the board stops taking bytes part way, the half-sent command is
     * cleared (Ctrl-C, back to the raw prompt) before the timeout is reported, so the next command
     * does not land after its remains.
     */
    private void sendOrRecover(byte[] code, Deadline deadline, String what) {
        if (unsure) {
            enterRawMode();
        }
        reader.watchForRestarts(true);
        try {
            send(code, deadline);
        } catch (DeviceTimeoutException stalled) {
            throw new DeviceTimeoutException("Sending " + quote(what) + " stalled: " + stalled.getMessage() + " "
                    + interruptAfterTimeout("The half-sent command was cleared (Ctrl-C) and the board is ready for "
                    + "the next one."), stalled);
        }
    }

    private void send(byte[] code, Deadline deadline) {
        if (!(settings.rawPaste() && rawPaste != RawPaste.UNSUPPORTED && sendRawPaste(code, deadline))) {
            sendPaced(code);
            reader.expect(OK, deadline, "after sending the command");
        }
    }

    /**
     * Sends the code with raw-paste; false when the firmware has no raw-paste and nothing was sent.
     * Once the firmware has shown raw-paste and its window, the first window travels with the
     * request itself: a small command then costs one round trip, as in plain raw mode, where a
     * by-the-book client spends two.
     */
    private boolean sendRawPaste(byte[] code, Deadline deadline) {
        int early = rawPaste == RawPaste.SUPPORTED ? Math.min(window, code.length) : 0;
        boolean endSent = early == code.length && rawPaste == RawPaste.SUPPORTED;
        byte[] opening = new byte[RAW_PASTE_REQUEST.length + early + (endSent ? 1 : 0)];
        System.arraycopy(RAW_PASTE_REQUEST, 0, opening, 0, RAW_PASTE_REQUEST.length);
        System.arraycopy(code, 0, opening, RAW_PASTE_REQUEST.length, early);
        if (endSent) {
            opening[opening.length - 1] = CTRL_D;
        }
        write(opening);
        int first = reader.readByte(deadline, "the answer to the raw-paste request");
        int second = reader.readByte(deadline, "the answer to the raw-paste request");
        if (first == 'R' && second == 1) {
            int granted = reader.readByte(deadline, "the raw-paste window size")
                    | reader.readByte(deadline, "the raw-paste window size") << 8;
            if (rawPaste == RawPaste.SUPPORTED && granted != window) {
                throw new ProtocolException("The board changed its raw-paste window from " + window + " to "
                        + granted + " bytes between two commands; was it swapped for another board?");
            }
            rawPaste = RawPaste.SUPPORTED;
            window = granted;
            upload(code, early, endSent, deadline);
            return true;
        }
        if (early > 0) {
            throw new ProtocolException("The board refused raw-paste ('" + Bytes.show(new byte[] {(byte) first,
                    (byte) second}) + "') after accepting it before; was it swapped for another board?");
        }
        rawPaste = RawPaste.UNSUPPORTED;
        if (first != 'R' || second != 0) {
            // Firmware older than 1.14 takes the request for Ctrl-A and prints the raw prompt again.
            reader.skipPast(RAW_PROMPT_TAIL, deadline, "the raw REPL prompt after a raw-paste request");
        }
        return false;
    }

    /**
     * Sends the rest of the code at most a window ahead of the board, which grants each further
     * window with a \x01, then the closing \x04, and waits for the board's echo of it.
     */
    private void upload(byte[] code, int offset, boolean endSent, Deadline deadline) {
        int credit = window - offset;
        while (offset < code.length) {
            if (credit == 0) {
                int signal = reader.readByte(deadline, "the board's raw-paste flow-control byte");
                if (signal == CTRL_A) {
                    credit += window;
                } else if (signal == CTRL_D) {
                    // The board ended the upload early; acknowledge, then its reply follows as usual.
                    write(new byte[] {CTRL_D});
                    return;
                } else {
                    throw new ProtocolException("Expected '\\x01' or '\\x04' from the board during a raw-paste "
                            + "upload, got '" + Bytes.show(new byte[] {(byte) signal}) + "'.");
                }
                continue;
            }
            int n = Math.min(credit, code.length - offset);
            write(code, offset, n);
            offset += n;
            credit -= n;
        }
        if (!endSent) {
            write(new byte[] {CTRL_D});
        }
        int echo;
        do {
            echo = reader.readByte(deadline, "the board's echo of the end of the raw-paste upload");
        } while (echo == CTRL_A);
        if (echo != CTRL_D) {
            throw new ProtocolException("Expected '\\x04' closing the raw-paste upload, got '"
                    + Bytes.show(new byte[] {(byte) echo}) + "'.");
        }
    }

    /** Where a command's output goes: kept (up to a limit) and passed on as it arrives. */
    private static ReplReader.ByteSink outputSink(BoundedBytes output, OutputListener listener) {
        return (data, offset, length) -> {
            output.write(data, offset, length);
            listener.output(data, offset, length);
        };
    }

    private String readErrorAndPrompt(Deadline deadline) {
        BoundedBytes error = new BoundedBytes(ERROR_LIMIT);
        reader.readUntil(CTRL_D, deadline, "the end of the exception text", error::write);
        reader.expect(PROMPT, deadline, "after the command's reply");
        return new String(error.toByteArray(), StandardCharsets.UTF_8);
    }

    /** Writes the code and the closing Ctrl-D, paced; a short command goes in a single write. */
    private void sendPaced(byte[] code) {
        byte[] framed = java.util.Arrays.copyOf(code, code.length + 1);
        framed[code.length] = CTRL_D;
        WritePacing pacing = settings.pacing();
        long pauseNanos = pacing.pause().toNanos();
        int offset = Math.min(pacing.burstBytes(), framed.length);
        write(framed, 0, offset);
        while (offset < framed.length) {
            if (pauseNanos > 0) {
                LockSupport.parkNanos(pauseNanos);
            }
            int n = Math.min(pacing.chunkBytes(), framed.length - offset);
            write(framed, offset, n);
            offset += n;
        }
    }

    private void write(byte[] bytes, int offset, int length) {
        synchronized (writeLock) {
            transport.write(bytes, offset, length);
        }
    }

    private void write(byte[] bytes) {
        synchronized (writeLock) {
            transport.write(bytes, 0, bytes.length);
        }
    }

    private DeviceTimeoutException timedOut(Duration timeout, WaitTimedOut e, String what, long mark) {
        String received = reader.lastBytesSince(mark);
        String state = interruptAfterTimeout("The board was interrupted (Ctrl-C) and is ready for the next command.");
        return new DeviceTimeoutException(quote(what) + " got no reply within " + seconds(timeout) + ": waited for "
                + e.awaited() + (received.isEmpty() ? "; the board sent nothing for this call. "
                : "; the last bytes it sent for this call: '" + received + "'. ") + state + " If it needs more time, "
                + "allow it with Device.withTimeout(Duration) for this call or the belay.timeout setting for all.");
    }

    /**
     * Interrupts the board after a deadline passed and says, in a sentence for the message, where
     * that left it: {@code ready} when it came back to the raw prompt. One that did not is tried
     * again before the next command.
     */
    private String interruptAfterTimeout(String ready) {
        reader.watchForRestarts(false);
        try {
            enterRawMode(settings.interruptGrace());
            return ready;
        } catch (DeviceTimeoutException unresponsive) {
            unsure = true;
            return "The board did not come back after Ctrl-C either; reset it (or unplug it) before the next call."
                    + settings.resetAdvice();
        }
    }

    /** The first line of a command, quoted and cut short, for messages. */
    public static String quote(String what) {
        String first = what.strip().lines().findFirst().orElse("");
        return "'" + (first.length() > 60 ? first.substring(0, 57) + "..." : first) + "'";
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /**
     * Soft-resets the board (globals cleared, files kept) and waits until it is back in raw mode.
     */
    public void softReset() {
        Deadline deadline = Deadline.after(settings.attentionTimeout());
        try {
            write(new byte[] {CTRL_D});
            reader.expect(OK, deadline, "after the soft reset request");
            int seen = reader.skipPastOrNewSession(RAW_PROMPT, deadline, "the raw REPL prompt after the soft reset");
            if (seen == 1) {
                // Over WebREPL the reset ended the session and the transport logged in again. Ctrl-A
                // shows the raw prompt in either mode; a raw prompt the reset printed late may
                // follow it, so let the board go quiet before the next command.
                // The login may have used most of the deadline: this step gets one of its own.
                Deadline inSession = Deadline.after(settings.attentionTimeout());
                write(new byte[] {CTRL_A});
                reader.skipPast(RAW_PROMPT, inSession, "the raw REPL prompt in the new WebREPL session");
                reader.drain(STALE_QUIET_MILLIS, inSession);
            }
        } catch (WaitTimedOut e) {
            throw new DeviceTimeoutException("The board at " + transport.name() + " did not come back from a soft "
                    + "reset within " + seconds(settings.attentionTimeout()) + "; last bytes received: '"
                    + e.lastBytes() + "'. Its boot.py may hang or print without end.");
        }
    }

    /**
     * Whether the board ignored Ctrl-C after the last deadline and has not shown the raw prompt
     * since: it runs code that does not take interrupts, and only a hard reset brings it back.
     */
    public boolean ignoresInterrupt() {
        return unsure;
    }

    /** Sends Ctrl-C: code running on the board raises KeyboardInterrupt. Safe from any thread. */
    public void interrupt() {
        write(new byte[] {CTRL_C});
    }

    /** Leaves raw mode for the friendly REPL, so a person at a terminal finds the usual prompt. */
    public void exitRawMode() {
        write(new byte[] {CTRL_B});
    }

    /**
     * Waits until the board has been quiet for a moment: after a restart it may still be printing
     * its banner and prompts. What it sends meanwhile passes the restart detector like every byte.
     */
    public void settle() {
        reader.drain(SETTLE_QUIET_MILLIS, Deadline.after(settings.attentionTimeout()));
    }

    /**
     * Takes what the board sent unasked since the last reply (a thread's prints, a boot banner),
     * at most the last {@value #OUTPUT_LIMIT} bytes of it.
     */
    public byte[] unsolicited() {
        return reader.takeWaiting(OUTPUT_LIMIT);
    }

    /**
     * Brings a board that answered something unexpected back to the raw prompt: lets it finish
     * what it was sending, then interrupts whatever runs.
     */
    public void recover() {
        settle();
        enterRawMode();
    }

    /** What the firmware said about raw-paste so far. */
    public RawPaste rawPaste() {
        return rawPaste;
    }
}
