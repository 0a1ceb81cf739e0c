package dev.belay.transport.net;

import dev.belay.BoardBusyException;
import dev.belay.ConnectionException;
import dev.belay.transport.Deadline;
import dev.belay.transport.LineState;
import dev.belay.transport.LinkOptions;
import dev.belay.transport.ModemLines;
import dev.belay.transport.Transport;
import dev.belay.transport.WriterThread;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
    /** Pause before asking a busy ser2net again. */
    private static final long BUSY_PAUSE_MILLIS = 100;

    private final String name;
    private final TelnetSession session;
    private final Duration writeTimeout;
    /** Reading thread only: board output from the negotiation, returned first. */
    private byte[] carried;

    private Rfc2217Transport(String name, TelnetSession session, Duration writeTimeout, byte[] carried) {
        this.name = name;
        this.session = session;
        this.writeTimeout = writeTimeout;
        this.carried = carried;
    }

    /**
     * Connects to the server, sets up its serial port and the modem lines, all within the connect
     * timeout. A ser2net port that another client has is asked again until then: ser2net turns a
     * new client away also for a moment after the previous one left, while it closes the device.
     *
     * @throws ConnectionException when the address is malformed, nothing answers there, the server
     *     refuses COM-PORT-OPTION or a setting, does not answer in time, or keeps the port for another client
     */
    public static Rfc2217Transport open(String connection, LinkOptions options) {
        NetAddress address = NetAddress.parse(connection, SCHEME);
        Deadline deadline = Deadline.after(options.connectTimeout());
        while (true) {
            TelnetSession session = new TelnetSession(TcpLink.connect(connection, address, options));
            try {
                byte[] carried = Rfc2217Opening.negotiate(session, options, deadline);
                Rfc2217Transport transport = new Rfc2217Transport(connection, session, options.writeTimeout(),
                        carried);
                transport.setLines(options.dtr(), options.rts());
                return transport;
            } catch (Rfc2217Opening.PortBusyException e) {
                session.close();
                if (deadline.remainingMillis() < BUSY_PAUSE_MILLIS) {
                    // Busy, not broken: a Device waits for the other client up to its lock timeout,
                    // as for a local port another program holds (another machine's run takes no
                    // lock file here).
                    BoardBusyException busy = new BoardBusyException(busy(address, options));
                    busy.initCause(e);
                    throw busy;
                }
            } catch (RuntimeException e) {
                session.close();
                throw e;
            }
            pause(BUSY_PAUSE_MILLIS);
        }
    }

    private static String busy(NetAddress address, LinkOptions options) {
        return String.format(Locale.ROOT, "ser2net at %s kept answering '%s' for %.1f s: another client is connected "
                + "to this port (a serial terminal, mpremote, another test run). Close it, or let the newest "
                + "connection take the port over with 'kickolduser: true' in the connection's options in ser2net's "
                + "configuration.", address, Rfc2217Opening.SER2NET_BUSY, options.connectTimeout().toMillis() / 1000.0);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("Interrupted while waiting for the serial server's port to be free.", e);
        }
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
            int data = session.read(buffer, offset, length, deadline.remainingMillis());
            if (data > 0 || deadline.hasPassed()) {
                return data;
            }
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        if (!session.writeData(data, offset, length)) {
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
        session.command(ComPortOption.command(ComPortOption.SET_CONTROL, value));
    }

    /** The values of the server's SET-CONTROL answers so far, the latest last. */
    List<Integer> controlAnswers() {
        return session.controlAnswers();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        session.close();
    }
}
