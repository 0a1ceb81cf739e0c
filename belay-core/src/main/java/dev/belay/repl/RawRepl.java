package dev.belay.repl;

import dev.belay.DeviceTimeoutException;
import dev.belay.ProtocolException;
import dev.belay.WritePacing;
import dev.belay.transport.Transport;
import java.io.ByteArrayOutputStream;
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
 * RawRepl repl = new RawRepl(transport, settings);
 * repl.enterRawMode();
 * RawReply reply = repl.exec("print(1 + 1)".getBytes(UTF_8), Duration.ofSeconds(5), OutputListener.NONE);
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
    /**
     * What a new WebREPL session starts with. Its prompt is the friendly one whatever mode the
     * board is in (the firmware prints it literally), and the raw prompt of a reset went to the
     * UART, not to this session.
     */
    private static final byte[] WEBREPL_GREETING = ascii("WebREPL connected\r\n>>> ");
    private static final byte[] RAW_PASTE_REQUEST = {0x05, 'A', CTRL_A};
    private static final byte[] OK = ascii("OK");
    private static final int CALL_START = 0x1e;
    private static final int CALL_END = 0x1f;
    private static final byte[] PROMPT = {'>'};
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
    /** The raw-paste window the firmware granted, once known. */
    private int window;

    /** What the firmware said about raw-paste. */
    public enum RawPaste { UNKNOWN, SUPPORTED, UNSUPPORTED }

    public RawRepl(Transport transport, ReplSettings settings) {
        this.transport = transport;
        this.reader = new ReplReader(transport);
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
        Deadline deadline = Deadline.after(settings.attentionTimeout());
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
                            + "prompt within " + seconds(settings.attentionTimeout()) + " (" + tries
                            + " interrupt attempts); last bytes received: '" + e.lastBytes() + "'. Check that it "
                            + "runs MicroPython and that nothing else uses the port; a board stuck in code that "
                            + "ignores Ctrl-C needs a hard reset.");
                }
            }
        }
        if (tries > 1) {
            // Earlier attempts may still answer with prompts of their own: let them pass.
            reader.drain(STALE_QUIET_MILLIS, Deadline.after(settings.attentionTimeout()));
        }
    }

    /**
     * Runs {@code code} and returns its output and exception text. When the deadline passes, the
     * board is interrupted and brought back to the raw prompt before the timeout is thrown.
     */
    public RawReply exec(byte[] code, Duration timeout, OutputListener listener) {
        Deadline deadline = Deadline.after(timeout);
        try {
            send(code, deadline);
            return readReply(deadline, listener);
        } catch (WaitTimedOut e) {
            throw timedOut(timeout, e);
        }
    }

    /**
     * Runs code that reports its result in-band: it prints {@code \x1e} first, then whatever the
     * user's code prints, then {@code resultMarker}, a kind byte, the payload and {@code \x1f}.
     * Since the marker holds a secret the user's code cannot know, nothing it prints (not even
     * {@code \x04}) can be mistaken for the result. Code that fails before it runs (a syntax
     * error) comes back with the exception text instead.
     */
    public MarkedReply call(byte[] code, byte[] resultMarker, Duration timeout, OutputListener listener) {
        Deadline deadline = Deadline.after(timeout);
        try {
            send(code, deadline);
            int first = reader.readByte(deadline, "the start of the call");
            if (first == CTRL_D) {
                return new MarkedReply(new byte[0], MarkedReply.NOT_RUN, "", readErrorAndPrompt(deadline));
            }
            if (first != CALL_START) {
                throw new ProtocolException("Expected '\\x1e' opening the call's output, got '"
                        + Bytes.show(new byte[] {(byte) first}) + "'. Were Belay's helpers removed from the board?");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            reader.readUntilMarker(resultMarker, deadline, "the call's result", outputSink(output, listener));
            int kind = reader.readByte(deadline, "the kind of the call's result");
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            reader.readUntil(CALL_END, deadline, "the end of the call's result", payload::write);
            reader.expect(new byte[] {CTRL_D}, deadline, "after the call's result");
            return new MarkedReply(output.toByteArray(), (char) kind, payload.toString(StandardCharsets.UTF_8),
                    readErrorAndPrompt(deadline));
        } catch (WaitTimedOut e) {
            throw timedOut(timeout, e);
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

    private RawReply readReply(Deadline deadline, OutputListener listener) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        reader.readUntil(CTRL_D, deadline, "the end of the command's output", outputSink(output, listener));
        return new RawReply(output.toByteArray(), readErrorAndPrompt(deadline));
    }

    /** Where a command's output goes: kept, passed on as it arrives, and watched for a board restart. */
    private static ReplReader.ByteSink outputSink(ByteArrayOutputStream output, OutputListener listener) {
        RestartSigns restart = RestartSigns.watch();
        return (data, offset, length) -> {
            output.write(data, offset, length);
            listener.output(data, offset, length);
            restart.saw(data, offset, length);
        };
    }

    private String readErrorAndPrompt(Deadline deadline) {
        ByteArrayOutputStream error = new ByteArrayOutputStream();
        reader.readUntil(CTRL_D, deadline, "the end of the exception text", error::write);
        reader.expect(PROMPT, deadline, "after the command's reply");
        return error.toString(StandardCharsets.UTF_8);
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

    private DeviceTimeoutException timedOut(Duration timeout, WaitTimedOut e) {
        String state;
        try {
            enterRawMode();
            state = "The board was interrupted (Ctrl-C) and is ready for the next command.";
        } catch (DeviceTimeoutException unresponsive) {
            state = "The board did not come back after Ctrl-C either; reset it (or unplug it) before the next call.";
        }
        return new DeviceTimeoutException("No reply within " + seconds(timeout) + ": waited for " + e.awaited()
                + "; last bytes received: '" + e.lastBytes() + "'. " + state);
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
            int seen = reader.skipPastEither(RAW_PROMPT, WEBREPL_GREETING, deadline,
                    "the raw REPL prompt after the soft reset");
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

    /** Sends Ctrl-C: code running on the board raises KeyboardInterrupt. Safe from any thread. */
    public void interrupt() {
        write(new byte[] {CTRL_C});
    }

    /** Leaves raw mode for the friendly REPL, so a person at a terminal finds the usual prompt. */
    public void exitRawMode() {
        write(new byte[] {CTRL_B});
    }

    /** The last bytes the board sent, escaped for messages. */
    public String lastBytes() {
        return reader.lastBytes();
    }

    /**
     * Waits until the board has been quiet for a moment and returns what it sent meanwhile: after
     * a restart it may still be printing its banner and prompts.
     */
    public String settle() {
        return new String(reader.drain(SETTLE_QUIET_MILLIS, Deadline.after(settings.attentionTimeout())),
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Takes what the board sent unasked since the last reply (a thread's prints, a boot banner). */
    public byte[] unsolicited() {
        return reader.takeWaiting();
    }

    /** What the firmware said about raw-paste so far. */
    public RawPaste rawPaste() {
        return rawPaste;
    }
}
