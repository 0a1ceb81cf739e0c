package dev.belay.transport.net;

import dev.belay.ConnectionException;
import dev.belay.ConnectionLostException;
import dev.belay.transport.Deadline;
import dev.belay.transport.LinkOptions;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The start of an RFC 2217 connection, all within the connect timeout: the server's greeting read
 * first, the options negotiated, the serial port set (line speed, 8 data bits, no parity, one stop
 * bit) and its buffers purged, each answer checked. What went wrong is said in a sentence naming
 * the cause: a plain telnet or raw port, a setting refused, a server that hung up (quoting what it
 * said, as ser2net's "Device open failure: ...").
 *
 * <pre>{@code
 * byte[] boardOutput = Rfc2217Opening.negotiate(session, LinkOptions.defaults(), deadline);
 * }</pre>
 */
final class Rfc2217Opening {

    /** Board output that arrives during the negotiation, kept for the first reads. */
    private static final int LONGEST_CARRIED = 64 * 1024;
    /** What a server that hangs up at once said first, for the message. */
    private static final int LONGEST_QUOTE = 200;
    /** How long to wait for a server's greeting before speaking first. */
    private static final long GREETING_WAIT_MILLIS = 100;
    /** What ser2net says before hanging up on a client while another has the port. */
    static final String SER2NET_BUSY = "Port already in use";
    private static final int[] SETTINGS = {ComPortOption.SET_BAUDRATE, ComPortOption.SET_DATASIZE,
        ComPortOption.SET_PARITY, ComPortOption.SET_STOPSIZE, ComPortOption.PURGE_DATA};

    /** ser2net turned the connection away because a client has the port; asking again may help. */
    static final class PortBusyException extends ConnectionException {
        private static final long serialVersionUID = 1L;

        PortBusyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final TelnetSession session;
    private final byte[] buffer = new byte[4096];
    /** What arrived as data before the buffers were purged: only the server's own words matter. */
    private final ByteArrayOutputStream early = new ByteArrayOutputStream();
    /** What arrived as data after the purge: the board's, returned by the first reads. */
    private final ByteArrayOutputStream carried = new ByteArrayOutputStream();

    private Rfc2217Opening(TelnetSession session) {
        this.session = session;
    }

    /**
     * Negotiates on a session just connected.
     *
     * @return the board's output that arrived meanwhile
     * @throws PortBusyException when ser2net said another client has the port
     * @throws ConnectionException for any other failure, naming its cause
     */
    static byte[] negotiate(TelnetSession session, LinkOptions options, Deadline deadline) {
        Rfc2217Opening opening = new Rfc2217Opening(session);
        try {
            opening.run(options, deadline);
        } catch (ConnectionLostException e) {
            opening.readWhatIsLeft(deadline);
            String said = opening.early.toString(StandardCharsets.UTF_8).strip();
            if (said.startsWith(SER2NET_BUSY)) {
                throw new PortBusyException(said, e);
            }
            throw new ConnectionException(opening.hungUp(said), e);
        }
        return opening.carried.toByteArray();
    }

    private void run(LinkOptions options, Deadline deadline) {
        readGreeting(deadline);
        OptionNegotiation negotiation = session.options();
        session.send(negotiation.requests());
        await(deadline, () -> negotiation.localEnabled(Telnet.COM_PORT_OPTION)
                || negotiation.localRefused(Telnet.COM_PORT_OPTION), () -> "agreement to COM-PORT-OPTION");
        if (negotiation.localRefused(Telnet.COM_PORT_OPTION)) {
            throw new ConnectionException("The telnet server at " + session.address() + " refused COM-PORT-OPTION "
                    + "(RFC 2217), so it cannot set up the serial port. In ser2net, write the accepter as "
                    + "telnet(rfc2217),tcp,PORT; for a port that passes bytes through as they are (accepter: "
                    + "tcp,PORT), use socket://" + session.address() + ".");
        }
        byte[] baudRate = ComPortOption.setBaudRate(options.baudRate());
        byte[] dataSize = ComPortOption.command(ComPortOption.SET_DATASIZE, 8);
        byte[] parity = ComPortOption.command(ComPortOption.SET_PARITY, ComPortOption.PARITY_NONE);
        byte[] stopSize = ComPortOption.command(ComPortOption.SET_STOPSIZE, ComPortOption.STOPSIZE_ONE);
        for (byte[] command : new byte[][] {baudRate, dataSize, parity, stopSize,
            ComPortOption.command(ComPortOption.PURGE_DATA, ComPortOption.PURGE_BOTH)}) {
            session.command(command);
        }
        await(deadline, this::allSettingsAnswered, () -> "answer to " + unanswered());
        check(baudRate, "line speed");
        check(dataSize, "data size");
        check(parity, "parity");
        check(stopSize, "stop bits");
        if (negotiation.localRefused(Telnet.BINARY) || negotiation.remoteRefused(Telnet.BINARY)) {
            throw new ConnectionException("The RFC 2217 server at " + session.address() + " refused binary mode, in "
                    + "which every byte travels unchanged; without it carriage returns may be altered and files "
                    + "sent to the board corrupted. Use a server that accepts telnet BINARY (ser2net does).");
        }
    }

    /**
     * Reads what the server says at once before writing anything. ser2net greets with its option
     * requests and, when it cannot serve the client, says why and hangs up; a client that writes
     * first makes the server's kernel answer with a reset, and a reset discards the reason unread.
     * A server that says nothing first costs {@value #GREETING_WAIT_MILLIS} ms.
     */
    private void readGreeting(Deadline deadline) {
        Deadline greeting = Deadline.after(Duration.ofMillis(GREETING_WAIT_MILLIS)).orSooner(deadline);
        while (session.received() == 0 && !greeting.hasPassed()) {
            readOnce(greeting);
        }
        while (session.readable()) {
            readOnce(Deadline.now());
        }
    }

    /** After the server hung up: its last words may still be unread. */
    private void readWhatIsLeft(Deadline deadline) {
        try {
            await(deadline, () -> false, () -> "end of the connection");
        } catch (ConnectionException ended) {
            // The end (or the deadline) was reached: early holds what the server said.
        }
    }

    /** Reads until {@code done} holds, or throws naming {@code what} did not arrive. */
    private void await(Deadline deadline, BooleanSupplier done, Supplier<String> what) {
        while (!done.getAsBoolean()) {
            if (deadline.hasPassed()) {
                throw new ConnectionException(noAnswer(what.get()));
            }
            readOnce(deadline);
        }
    }

    private void readOnce(Deadline deadline) {
        int data = session.read(buffer, 0, buffer.length, deadline.remainingMillis());
        boolean purged = session.answer(ComPortOption.PURGE_DATA) != null;
        ByteArrayOutputStream into = purged ? carried : early;
        int room = (purged ? LONGEST_CARRIED : LONGEST_QUOTE) - into.size();
        into.write(buffer, 0, Math.max(0, Math.min(data, room)));
    }

    private boolean allSettingsAnswered() {
        return Arrays.stream(SETTINGS).allMatch(command -> session.answer(command) != null);
    }

    private String unanswered() {
        StringBuilder names = new StringBuilder();
        for (int command : SETTINGS) {
            if (session.answer(command) == null) {
                names.append(names.length() == 0 ? "" : ", ").append(ComPortOption.name(command));
            }
        }
        return names.length() == 0 ? "the settings" : names.toString();
    }

    private void check(byte[] sent, String what) {
        int command = sent[0];
        byte[] value = session.answer(command);
        byte[] expected = Arrays.copyOfRange(sent, 1, sent.length);
        if (!Arrays.equals(value, expected)) {
            throw new ConnectionException("The RFC 2217 server at " + session.address() + " set the " + what + " to "
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

    private String noAnswer(String what) {
        return String.format(Locale.ROOT, "The server at %s did not complete the RFC 2217 negotiation: no %s "
                + "arrived within the connect timeout. Is it a raw TCP port (ser2net: accepter: tcp,PORT)? Then "
                + "use socket://%s, or make the accepter telnet(rfc2217),tcp,PORT.", session.address(), what,
                session.address());
    }

    private String hungUp(String said) {
        return "The server at " + session.address() + " closed the connection during the RFC 2217 negotiation"
                + (said.isEmpty() ? ". " : ", saying '" + said + "'. ")
                + "ser2net does so when it cannot open its serial device (the board is unplugged from the server, "
                + "or the device path in its configuration is wrong) or when another client has the port.";
    }
}
