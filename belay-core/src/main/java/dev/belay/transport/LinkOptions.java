package dev.belay.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * What a transport needs to open and keep its pipe: the serial line speed and modem lines, how long
 * opening may take, the WebREPL password, how long a write may wait for the board to take bytes,
 * and how long a board that ended its session may take to be reachable again. Immutable: every {@code with...}
 * method returns a copy. A {@link dev.belay.Device} derives these from its options with
 * {@link dev.belay.DeviceOptions#linkOptions()}.
 *
 * <pre>{@code
 * LinkOptions options = LinkOptions.defaults()
 *         .withPassword("python")
 *         .withWriteTimeout(Duration.ofSeconds(2));
 * try (Transport board = Transports.open("ws://192.168.1.100", options)) {
 *     board.write(new byte[] {3}, 0, 1);
 * }
 * }</pre>
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>baudRate</td><td>115200</td><td>serial line speed (ignored by USB CDC boards and ptys)</td></tr>
 *   <tr><td>connectTimeout</td><td>10 s</td><td>how long opening the pipe (and a WebREPL login) may take</td></tr>
 *   <tr><td>writeTimeout</td><td>5 s</td><td>how long a write may go without the board taking a byte</td></tr>
 *   <tr><td>resetGrace</td><td>the connect timeout</td><td>how long a board that ended its session
 *       (a WebREPL board resetting) may take to accept a connection again</td></tr>
 *   <tr><td>password</td><td>none</td><td>the WebREPL password, for {@code ws://} connections</td></tr>
 *   <tr><td>dtr, rts</td><td>{@link LineState#ON ON}</td><td>the modem lines a serial port (local or
 *       over RFC 2217) is left with once open; asserting both is what the kernel does when a port
 *       opens, and leaves an ESP32 devkit's auto-reset circuit running</td></tr>
 * </table>
 */
public final class LinkOptions {

    private static final int DEFAULT_BAUD_RATE = 115_200;
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(5);
    private static final LinkOptions DEFAULTS = new LinkOptions(
            DEFAULT_BAUD_RATE, DEFAULT_CONNECT_TIMEOUT, DEFAULT_WRITE_TIMEOUT, null, null, LineState.ON, LineState.ON);

    private final int baudRate;
    private final Duration connectTimeout;
    private final Duration writeTimeout;
    /** {@code null}: as long as the connect timeout, whatever that is set to later. */
    private final Duration resetGrace;
    private final String password;
    private final LineState dtr;
    private final LineState rts;

    private LinkOptions(int baudRate, Duration connectTimeout, Duration writeTimeout, Duration resetGrace,
            String password, LineState dtr, LineState rts) {
        if (baudRate <= 0) {
            throw new IllegalArgumentException("baudRate must be positive, was " + baudRate);
        }
        this.baudRate = baudRate;
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        this.writeTimeout = positive(writeTimeout, "writeTimeout");
        this.resetGrace = resetGrace == null ? null : positive(resetGrace, "resetGrace");
        this.password = password;
        this.dtr = Objects.requireNonNull(dtr, "dtr");
        this.rts = Objects.requireNonNull(rts, "rts");
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /** The defaults listed in the class description. */
    public static LinkOptions defaults() {
        return DEFAULTS;
    }

    /** The serial line speed. */
    public int baudRate() {
        return baudRate;
    }

    /** How long opening the pipe may take, a WebREPL login included. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * How long one {@link Transport#write} may go without the board taking a single byte before it
     * throws {@link dev.belay.DeviceTimeoutException}: a board that stopped reading its input (a
     * child process that reads no stdin, a serial line held by flow control, a WebREPL socket
     * whose buffers are full). The clock starts again whenever the board takes bytes, so a long
     * write to a slow but reading board is not cut short.
     */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /**
     * How long a board that ended its session may take to accept a connection again before the
     * transport reports it gone with {@link dev.belay.ConnectionLostException}. A WebREPL board
     * ends its session at every reset and starts its server again a moment later; a board that
     * is off, or whose server was stopped, never does. Once the board accepts the connection, the
     * login may take the rest of the connect timeout. Never longer than the connect timeout.
     */
    public Duration resetGrace() {
        return resetGrace == null || resetGrace.compareTo(connectTimeout) > 0 ? connectTimeout : resetGrace;
    }

    /** The WebREPL password, or {@code null} when none was given. */
    public String password() {
        return password;
    }

    /** What the port's DTR line is set to once it is open. */
    public LineState dtr() {
        return dtr;
    }

    /** What the port's RTS line is set to once it is open. */
    public LineState rts() {
        return rts;
    }

    public LinkOptions withBaudRate(int baudRate) {
        return new LinkOptions(baudRate, connectTimeout, writeTimeout, resetGrace, password, dtr, rts);
    }

    public LinkOptions withConnectTimeout(Duration connectTimeout) {
        return new LinkOptions(baudRate, connectTimeout, writeTimeout, resetGrace, password, dtr, rts);
    }

    public LinkOptions withWriteTimeout(Duration writeTimeout) {
        return new LinkOptions(baudRate, connectTimeout, writeTimeout, resetGrace, password, dtr, rts);
    }

    /**
     * Reports a board that ended its session gone when it has not accepted a connection again
     * within {@code resetGrace}, as a caller that will not reconnect wants:
     *
     * <pre>{@code
     * LinkOptions.defaults().withResetGrace(Duration.ofSeconds(1));
     * }</pre>
     */
    public LinkOptions withResetGrace(Duration resetGrace) {
        return new LinkOptions(baudRate, connectTimeout, writeTimeout, resetGrace, password, dtr, rts);
    }

    /**
     * The password a {@code ws://} connection logs in with. It is sent only to the board, and never
     * appears in messages or {@link #toString()}.
     */
    public LinkOptions withPassword(String password) {
        return new LinkOptions(baudRate, connectTimeout, writeTimeout, resetGrace, password, dtr, rts);
    }

    /**
     * Sets DTR once the port is open, on a local serial port or over RFC 2217; other pipes have no
     * such line and ignore it.
     *
     * <pre>{@code
     * LinkOptions.defaults().withDtr(LineState.KEEP);
     * }</pre>
     */
    public LinkOptions withDtr(LineState dtr) {
        return new LinkOptions(baudRate, connectTimeout, writeTimeout, resetGrace, password, dtr, rts);
    }

    /** Sets RTS once the port is open; see {@link #withDtr}. */
    public LinkOptions withRts(LineState rts) {
        return new LinkOptions(baudRate, connectTimeout, writeTimeout, resetGrace, password, dtr, rts);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LinkOptions o && baudRate == o.baudRate && connectTimeout.equals(o.connectTimeout)
                && writeTimeout.equals(o.writeTimeout) && Objects.equals(resetGrace, o.resetGrace)
                && Objects.equals(password, o.password) && dtr == o.dtr && rts == o.rts;
    }

    @Override
    public int hashCode() {
        return Objects.hash(baudRate, connectTimeout, writeTimeout, resetGrace, password, dtr, rts);
    }

    @Override
    public String toString() {
        return "LinkOptions[baudRate=" + baudRate + ", connectTimeout=" + connectTimeout + ", writeTimeout="
                + writeTimeout + ", resetGrace=" + resetGrace() + ", password="
                + (password == null ? "none" : "(set)") + ", dtr=" + dtr.word() + ", rts=" + rts.word() + "]";
    }
}
