package dev.belay.transport.net;

import dev.belay.ConnectionException;
import dev.belay.ConnectionLostException;
import dev.belay.transport.Deadline;
import dev.belay.transport.LineState;
import dev.belay.transport.LinkOptions;
import dev.belay.transport.ModemLines;
import dev.belay.transport.Transport;
import dev.belay.transport.WriterThread;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A serial port on another machine through an RFC 2217 server, {@code rfc2217://HOST:PORT}:
 * ser2net with {@code accepter: telnet(rfc2217),tcp,PORT}, or any server pyserial's
 * {@code rfc2217://} reaches. Telnet carries the board's bytes (each 0xFF doubled, binary mode
 * both ways so that no carriage return is altered) and the serial port's settings: at open this
 * transport sets the line speed of {@link LinkOptions#baudRate()}, 8 data bits, no parity and one
 * stop bit, empties the server's buffers, and sets DTR and RTS as {@link LinkOptions#dtr()} and
 * {@link LinkOptions#rts()} say. The server's answers to the settings must arrive within the
 * connect timeout; a server that refuses COM-PORT-OPTION (a plain telnet port) is reported as such.
 *
 * <p>What else the server sends mid-stream (line and modem state notifications, renegotiations)
 * is consumed here and never reaches the board's stream. When the server closes the connection
 * (it stopped or restarted, or lost the board's port), reads and writes throw
 * {@link ConnectionLostException}; {@link #reopen} connects again.
 *
 * <pre>{@code
 * try (Transport board = Transports.open("rfc2217://192.168.1.20:4000", LinkOptions.defaults())) {
 *     board.setLines(LineState.OFF, LineState.OFF);
 *     board.write(new byte[] {3}, 0, 1);
 * }
 * }</pre>
 */
public final class Rfc2217Transport implements Transport {

    static final String SCHEME = "rfc2217";
    /** Board output that arrives during the negotiation, kept for the first reads. */
    private static final int LONGEST_CARRIED = 64 * 1024;
    /** What a server that hangs up at once said first (ser2net's "Device open failure..."), for the message. */
    private static final int LONGEST_QUOTE = 200;
    /** What ser2net says before hanging up on a client while another has the port. */
    private static final String SER2NET_BUSY = "Port already in use";
    /** Pause before asking a busy ser2net again. */
    private static final long BUSY_PAUSE_MILLIS = 100;
    /** How long to wait for a server's greeting before speaking first. */
    private static final long GREETING_WAIT_MILLIS = 100;
    /** SET-CONTROL answers kept, the latest last. */
    private static final int CONTROL_ANSWERS_KEPT = 16;
    private static final int[] SETTINGS = {ComPortOption.SET_BAUDRATE, ComPortOption.SET_DATASIZE,
        ComPortOption.SET_PARITY, ComPortOption.SET_STOPSIZE, ComPortOption.PURGE_DATA};

    private final String name;
    private final TcpLink link;
    private final Duration writeTimeout;
    private final OptionNegotiation negotiation = new OptionNegotiation(
            Set.of(Telnet.BINARY, Telnet.SUPPRESS_GO_AHEAD, Telnet.COM_PORT_OPTION),
            Set.of(Telnet.BINARY, Telnet.SUPPRESS_GO_AHEAD));
    private final TelnetDecoder decoder = new TelnetDecoder(new Replies());
    /** Negotiation replies due, sent once the read that produced them is decoded. Reading thread only. */
    private final ByteArrayOutputStream replies = new ByteArrayOutputStream();
    /** The server's COM-PORT-OPTION answers by command: the value it applied. */
    private final Map<Integer, byte[]> answers = new HashMap<>();
    private final List<Integer> controlAnswers = new ArrayList<>();
    /** Reading thread only: board output from the negotiation, returned first. */
    private byte[] carried = new byte[0];
    /** Reading thread only: while negotiating, what arrived as data before the buffers were purged. */
    private ByteArrayOutputStream early;

    private Rfc2217Transport(String name, TcpLink link, Duration writeTimeout) {
        this.name = name;
        this.link = link;
        this.writeTimeout = writeTimeout;
    }

    /**
     * Connects to the server and sets up its serial port, all within the connect timeout.
     *
     * @throws ConnectionException when the address is malformed, nothing answers there, the server
     *     refuses COM-PORT-OPTION or a setting, or it does not answer in time
     */
    public static Rfc2217Transport open(String connection, LinkOptions options) {
        NetAddress address = NetAddress.parse(connection, SCHEME);
        Deadline deadline = Deadline.after(options.connectTimeout());
        while (true) {
            Rfc2217Transport transport = new Rfc2217Transport(connection,
                    TcpLink.connect(connection, address, options), options.writeTimeout());
            try {
                transport.negotiateOrQuote(options, deadline);
                return transport;
            } catch (RuntimeException e) {
                transport.close();
                if (!transport.portBusy() || deadline.remainingMillis() < BUSY_PAUSE_MILLIS) {
                    throw transport.portBusy() ? new ConnectionException(transport.busyFor(options), e) : e;
                }
            }
            pause(BUSY_PAUSE_MILLIS);
        }
    }

    /**
     * Whether ser2net turned this connection away because a client has the port: another program,
     * or, for a moment after it closed, the previous connection (ser2net closes the device first).
     */
    private boolean portBusy() {
        return early != null && new String(early.toByteArray(), StandardCharsets.UTF_8).startsWith(SER2NET_BUSY);
    }

    private String busyFor(LinkOptions options) {
        return String.format(Locale.ROOT, "ser2net at %s kept answering '%s' for %.1f s: another client is connected "
                + "to this port (a serial terminal, mpremote, another test run). Close it, or let the newest "
                + "connection take the port over with 'kickolduser: true' in the connection's options in ser2net's "
                + "configuration.", link.address(), SER2NET_BUSY, options.connectTimeout().toMillis() / 1000.0);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("Interrupted while waiting for the serial server's port to be free.", e);
        }
    }

    /** Negotiates; a server that hangs up meanwhile is reported with what it said before. */
    private void negotiateOrQuote(LinkOptions options, Deadline deadline) {
        early = new ByteArrayOutputStream();
        try {
            negotiate(options, deadline);
        } catch (ConnectionLostException e) {
            readWhatIsLeft(deadline);
            throw new ConnectionException(hungUp(), e);
        }
    }

    /** After a failed write: the server's last words may still be unread. */
    private void readWhatIsLeft(Deadline deadline) {
        try {
            await(deadline, () -> false, () -> "end of the connection");
        } catch (ConnectionException ended) {
            // The end (or the deadline) was reached: early holds what the server said.
        }
    }

    private void negotiate(LinkOptions options, Deadline deadline) {
        readGreeting(deadline);
        send(negotiation.requests());
        await(deadline, () -> negotiation.localEnabled(Telnet.COM_PORT_OPTION)
                || negotiation.localRefused(Telnet.COM_PORT_OPTION), () -> "agreement to COM-PORT-OPTION");
        if (negotiation.localRefused(Telnet.COM_PORT_OPTION)) {
            throw new ConnectionException("The telnet server at " + link.address() + " refused COM-PORT-OPTION "
                    + "(RFC 2217), so it cannot set up the serial port. In ser2net, write the accepter as "
                    + "telnet(rfc2217),tcp,PORT; for a port that passes bytes through as they are (accepter: "
                    + "tcp,PORT), use socket://" + link.address() + ".");
        }
        send(comPort(ComPortOption.setBaudRate(options.baudRate())));
        send(comPort(ComPortOption.command(ComPortOption.SET_DATASIZE, 8)));
        send(comPort(ComPortOption.command(ComPortOption.SET_PARITY, ComPortOption.PARITY_NONE)));
        send(comPort(ComPortOption.command(ComPortOption.SET_STOPSIZE, ComPortOption.STOPSIZE_ONE)));
        send(comPort(ComPortOption.command(ComPortOption.PURGE_DATA, ComPortOption.PURGE_BOTH)));
        await(deadline, this::allSettingsAnswered, () -> "answer to " + unanswered());
        checkAnswer(ComPortOption.SET_BAUDRATE, ComPortOption.setBaudRate(options.baudRate()), "line speed");
        checkAnswer(ComPortOption.SET_DATASIZE, ComPortOption.command(ComPortOption.SET_DATASIZE, 8), "data size");
        checkAnswer(ComPortOption.SET_PARITY, ComPortOption.command(ComPortOption.SET_PARITY,
                ComPortOption.PARITY_NONE), "parity");
        checkAnswer(ComPortOption.SET_STOPSIZE, ComPortOption.command(ComPortOption.SET_STOPSIZE,
                ComPortOption.STOPSIZE_ONE), "stop bits");
        if (negotiation.localRefused(Telnet.BINARY) || negotiation.remoteRefused(Telnet.BINARY)) {
            throw new ConnectionException("The RFC 2217 server at " + link.address() + " refused binary mode, in "
                    + "which every byte travels unchanged; without it carriage returns may be altered and files "
                    + "sent to the board corrupted. Use a server that accepts telnet BINARY (ser2net does).");
        }
        early = null;
        setLines(options.dtr(), options.rts());
    }

    /**
     * Reads what the server says at once before writing anything. ser2net greets with its option
     * requests and, when it cannot open its serial device, says why and hangs up; a client that
     * writes first makes the server's kernel answer with a reset, and a reset discards the reason
     * unread. A server that says nothing first costs {@value #GREETING_WAIT_MILLIS} ms.
     */
    private void readGreeting(Deadline deadline) {
        Deadline greeting = Deadline.after(Duration.ofMillis(GREETING_WAIT_MILLIS)).orSooner(deadline);
        while (readOnce(greeting) == 0 && !greeting.hasPassed()) {
            // Nothing yet: the next read waits for the rest of the greeting's time.
        }
        while (link.available() > 0) {
            readOnce(Deadline.now());
        }
    }

    /** Reads and decodes until {@code done} holds; board output goes to {@link #carried} (before the purge, nowhere). */
    private void await(Deadline deadline, BooleanSupplier done, Supplier<String> what) {
        while (!done.getAsBoolean()) {
            if (deadline.hasPassed()) {
                throw new ConnectionException(noAnswer(what.get()));
            }
            readOnce(deadline);
        }
    }

    /** One read while negotiating; returns the number of bytes read, telnet commands included. */
    private int readOnce(Deadline deadline) {
        byte[] buffer = new byte[4096];
        int n = link.read(buffer, 0, buffer.length, deadline.remainingMillis());
        int data = decoded(buffer, n);
        if (answers.containsKey(ComPortOption.PURGE_DATA)) {
            int keep = Math.min(data, LONGEST_CARRIED - carried.length);
            carried = concat(carried, Arrays.copyOf(buffer, keep));
        } else {
            early.write(buffer, 0, Math.min(data, Math.max(0, LONGEST_QUOTE - early.size())));
        }
        return n;
    }

    private String noAnswer(String what) {
        return String.format(Locale.ROOT, "The server at %s did not complete the RFC 2217 negotiation: no %s "
                + "arrived within the connect timeout. Is it a raw TCP port (ser2net: accepter: tcp,PORT)? Then "
                + "use socket://%s, or make the accepter telnet(rfc2217),tcp,PORT.", link.address(), what,
                link.address());
    }

    private String hungUp() {
        String said = new String(early.toByteArray(), StandardCharsets.UTF_8).strip();
        return "The server at " + link.address() + " closed the connection during the RFC 2217 negotiation"
                + (said.isEmpty() ? ". " : ", saying '" + said + "'. ")
                + "ser2net does so when it cannot open its serial device (the board is unplugged from the server, "
                + "or the device path in its configuration is wrong) or when another client has the port.";
    }

    private synchronized boolean allSettingsAnswered() {
        return Arrays.stream(SETTINGS).allMatch(answers::containsKey);
    }

    private synchronized String unanswered() {
        StringBuilder names = new StringBuilder();
        for (int command : SETTINGS) {
            if (!answers.containsKey(command)) {
                names.append(names.length() == 0 ? "" : ", ").append(ComPortOption.name(command));
            }
        }
        return names.length() == 0 ? "the settings" : names.toString();
    }

    private synchronized void checkAnswer(int command, byte[] sent, String what) {
        byte[] value = answers.get(command);
        byte[] expected = Arrays.copyOfRange(sent, 1, sent.length);
        if (!Arrays.equals(value, expected)) {
            throw new ConnectionException("The RFC 2217 server at " + link.address() + " set the " + what + " to "
                    + describe(command, value) + " instead of the " + describe(command, expected) + " asked for ("
                    + ComPortOption.name(command) + "). Its serial port may not support it: check the port on the "
                    + "server, or set another speed with DeviceOptions.withBaudRate.");
        }
    }

    private static String describe(int command, byte[] value) {
        if (command == ComPortOption.SET_BAUDRATE && value.length == 4) {
            return ByteBuffer.wrap(value).getInt() + " baud";
        }
        return value.length == 1 ? Integer.toString(value[0] & 0xFF) : Arrays.toString(value);
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutMillis) {
        if (carried.length > 0) {
            int n = Math.min(length, carried.length);
            System.arraycopy(carried, 0, buffer, offset, n);
            carried = Arrays.copyOfRange(carried, n, carried.length);
            return n;
        }
        Deadline deadline = Deadline.after(Duration.ofMillis(Math.max(0, timeoutMillis)));
        while (true) {
            // Only telnet commands may arrive (a modem state notification): wait on for data till the deadline.
            int data = decoded(buffer, offset, link.read(buffer, offset, length, deadline.remainingMillis()));
            if (data > 0 || deadline.hasPassed()) {
                return data;
            }
        }
    }

    private int decoded(byte[] buffer, int n) {
        return decoded(buffer, 0, n);
    }

    /**
     * Decodes in place and sends the negotiation replies the bytes called for. Replies go out in
     * order with the data; should the server have stopped reading, this waits up to the write
     * timeout and leaves them queued (a server renegotiating mid-stream is rare).
     */
    private int decoded(byte[] buffer, int offset, int n) {
        int data = decoder.decode(buffer, offset, n);
        if (replies.size() > 0) {
            byte[] due = replies.toByteArray();
            replies.reset();
            send(due);
        }
        return data;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        byte[] wire = Telnet.escape(data, offset, length);
        if (!link.write(wire, 0, wire.length)) {
            throw WriterThread.stalled(name, writeTimeout, "the RFC 2217 server stopped taking bytes (the board "
                    + "does not read, or its serial line is held)");
        }
    }

    /** An RFC 2217 server sets the serial port's modem lines. */
    @Override
    public boolean hasLines() {
        return true;
    }

    /**
     * Sends SET-CONTROL for each line that changes, in {@link ModemLines}' order. The server's
     * answers are not waited for (as pyserial does not): a server in front of a pseudo-terminal,
     * which has no lines, sends none.
     */
    @Override
    public void setLines(LineState dtr, LineState rts) {
        ModemLines.apply(dtr, rts, new ModemLines.Sink() {
            @Override
            public void dtr(boolean on) {
                control(on ? ComPortOption.CONTROL_DTR_ON : ComPortOption.CONTROL_DTR_OFF);
            }

            @Override
            public void rts(boolean on) {
                control(on ? ComPortOption.CONTROL_RTS_ON : ComPortOption.CONTROL_RTS_OFF);
            }
        });
    }

    private void control(int value) {
        send(comPort(ComPortOption.command(ComPortOption.SET_CONTROL, value)));
    }

    /** The values of the server's SET-CONTROL answers so far (the last {@value #CONTROL_ANSWERS_KEPT}). */
    synchronized List<Integer> controlAnswers() {
        return List.copyOf(controlAnswers);
    }

    private static byte[] comPort(byte[] command) {
        return Telnet.subnegotiation(Telnet.COM_PORT_OPTION, command);
    }

    /** Telnet commands go out in order with the data; a stall leaves them queued, to go once the server reads. */
    private void send(byte[] wire) {
        link.write(wire, 0, wire.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        link.close();
    }

    /** What the decoder found besides data: negotiations to answer, COM-PORT-OPTION answers to keep. */
    private final class Replies implements TelnetDecoder.Listener {

        @Override
        public void negotiation(int command, int option) {
            replies.writeBytes(Rfc2217Transport.this.negotiation.receive(command, option));
        }

        @Override
        public void subnegotiation(int option, byte[] payload) {
            if (option != Telnet.COM_PORT_OPTION || payload.length == 0) {
                return;
            }
            int command = (payload[0] & 0xFF) - ComPortOption.ANSWER;
            byte[] value = Arrays.copyOfRange(payload, 1, payload.length);
            synchronized (Rfc2217Transport.this) {
                answers.put(command, value);
                if (command == ComPortOption.SET_CONTROL && value.length == 1) {
                    if (controlAnswers.size() == CONTROL_ANSWERS_KEPT) {
                        controlAnswers.remove(0);
                    }
                    controlAnswers.add(value[0] & 0xFF);
                }
            }
        }
    }
}
