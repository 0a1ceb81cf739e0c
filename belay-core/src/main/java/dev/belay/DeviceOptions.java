package dev.belay;

import dev.belay.transport.LineState;
import dev.belay.transport.LinkOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link Device} talks to its board. Immutable: every {@code with...} method returns a copy.
 *
 * <pre>{@code
 * DeviceOptions options = DeviceOptions.defaults()
 *         .withTimeout(Duration.ofSeconds(5))
 *         .withAttempts(10);
 * Device device = Device.connect("/dev/ttyACM0", options);
 * }</pre>
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>timeout</td><td>10 s</td><td>deadline of one call; when it passes the board is interrupted</td></tr>
 *   <tr><td>connectTimeout</td><td>10 s</td><td>how long opening may take to get the board's attention</td></tr>
 *   <tr><td>attempts</td><td>0</td><td>reconnect attempts: 0 none, N up to N one second apart, negative forever</td></tr>
 *   <tr><td>pacing</td><td>{@link WritePacing#SAFE}</td><td>how writes are split when the board lacks raw-paste</td></tr>
 *   <tr><td>rawPaste</td><td>true</td><td>use raw-paste where the firmware offers it</td></tr>
 *   <tr><td>baudRate</td><td>115200</td><td>serial line speed (ignored by USB CDC boards and ptys)</td></tr>
 *   <tr><td>output</td><td>SLF4J logger</td><td>where the lines the board prints go, as they arrive</td></tr>
 *   <tr><td>password</td><td>none</td><td>the WebREPL password, for {@code ws://} connections</td></tr>
 *   <tr><td>lockTimeout</td><td>5 min</td><td>how long connecting waits for a board another process holds</td></tr>
 *   <tr><td>resetAction</td><td>{@link ResetAction#none() none}</td><td>how a board that ignores Ctrl-C is hard-reset</td></tr>
 * </table>
 */
public final class DeviceOptions {

    private static final DeviceOptions DEFAULTS = new DeviceOptions(
            Duration.ofSeconds(10), 0, WritePacing.SAFE, true, null, LinkOptions.defaults(), LockSettings.DEFAULTS,
            ResetAction.none());

    /** How long a board that ended its session may take to come back when nobody would reconnect to it. */
    private static final long NO_RECONNECT_GRACE_MILLIS = 1_000;

    private final Duration timeout;
    private final int attempts;
    private final WritePacing pacing;
    private final boolean rawPaste;
    private final Consumer<String> output;
    /** The baud rate, connect timeout and password, checked and kept where the transports read them. */
    private final LinkOptions link;
    /** How long to wait for a board another process holds, and where its lock file goes. */
    private final LockSettings lock;
    private final ResetAction resetAction;

    private DeviceOptions(Duration timeout, int attempts, WritePacing pacing, boolean rawPaste,
            Consumer<String> output, LinkOptions link, LockSettings lock, ResetAction resetAction) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
        this.attempts = attempts;
        this.pacing = Objects.requireNonNull(pacing, "pacing");
        this.rawPaste = rawPaste;
        this.output = output;
        this.link = link;
        this.lock = Objects.requireNonNull(lock, "lock");
        this.resetAction = Objects.requireNonNull(resetAction, "resetAction");
    }

    /** The defaults listed in the class description. */
    public static DeviceOptions defaults() {
        return DEFAULTS;
    }

    /** The deadline of one call; when it passes the board is interrupted and the call throws. */
    public Duration timeout() {
        return timeout;
    }

    /** How long opening a connection may take, including getting a busy board's attention. */
    public Duration connectTimeout() {
        return link.connectTimeout();
    }

    /** Reconnect attempts: 0 never, N up to N times one second apart, negative forever. */
    public int attempts() {
        return attempts;
    }

    /** How commands are split when the firmware has no raw-paste flow control. */
    public WritePacing pacing() {
        return pacing;
    }

    /** Whether raw-paste is used where the firmware offers it. */
    public boolean rawPaste() {
        return rawPaste;
    }

    /** The serial line speed. */
    public int baudRate() {
        return link.baudRate();
    }

    public DeviceOptions withTimeout(Duration timeout) {
        return new DeviceOptions(timeout, attempts, pacing, rawPaste, output, link, lock, resetAction);
    }

    public DeviceOptions withConnectTimeout(Duration connectTimeout) {
        return new DeviceOptions(timeout, attempts, pacing, rawPaste, output, link.withConnectTimeout(connectTimeout), lock, resetAction);
    }

    public DeviceOptions withAttempts(int attempts) {
        return new DeviceOptions(timeout, attempts, pacing, rawPaste, output, link, lock, resetAction);
    }

    public DeviceOptions withPacing(WritePacing pacing) {
        return new DeviceOptions(timeout, attempts, pacing, rawPaste, output, link, lock, resetAction);
    }

    public DeviceOptions withRawPaste(boolean rawPaste) {
        return new DeviceOptions(timeout, attempts, pacing, rawPaste, output, link, lock, resetAction);
    }

    public DeviceOptions withBaudRate(int baudRate) {
        return new DeviceOptions(timeout, attempts, pacing, rawPaste, output, link.withBaudRate(baudRate), lock, resetAction);
    }

    /**
     * Where the lines the board prints go, as they arrive; {@code null} (the default) logs them at
     * INFO to the SLF4J logger {@code dev.belay.board.<connection>}, or printed to standard output when
     * no SLF4J provider is on the class path.
     */
    public Consumer<String> output() {
        return output;
    }

    /**
     * Sends every line the board prints to {@code output} as soon as it arrives.
     *
     * <pre>{@code
     * List<String> lines = new CopyOnWriteArrayList<>();
     * Device.connect(port, DeviceOptions.defaults().withOutput(lines::add));
     * }</pre>
     */
    public DeviceOptions withOutput(Consumer<String> output) {
        return new DeviceOptions(timeout, attempts, pacing, rawPaste, output, link, lock, resetAction);
    }

    /** The WebREPL password, or {@code null} when none was given. */
    public String password() {
        return link.password();
    }

    /**
     * The password a {@code ws://} connection logs in with: the {@code PASS} of the board's
     * {@code webrepl_cfg.py}. It is sent only to the board, and never appears in messages,
     * transcripts or {@link #toString()}.
     *
     * <pre>{@code
     * Device.connect("ws://192.168.1.100", DeviceOptions.defaults().withPassword("python"));
     * }</pre>
     */
    public DeviceOptions withPassword(String password) {
        return new DeviceOptions(timeout, attempts, pacing, rawPaste, output, link.withPassword(password), lock, resetAction);
    }

    /** What the serial port's DTR line is set to once it is open; see {@link LineState}. */
    public LineState dtr() {
        return link.dtr();
    }

    /** What the serial port's RTS line is set to once it is open; see {@link LineState}. */
    public LineState rts() {
        return link.rts();
    }

    /**
     * The DTR line's state once the port is open, on a local serial port or over RFC 2217; other
     * connections have no such line. The default, {@link LineState#ON}, is what the port opens
     * with anyway, and with RTS also on it leaves an ESP32 devkit running.
     *
     * <pre>{@code
     * Device.connect("/dev/ttyUSB0", DeviceOptions.defaults().withDtr(LineState.KEEP).withRts(LineState.KEEP));
     * }</pre>
     */
    public DeviceOptions withDtr(LineState dtr) {
        return new DeviceOptions(timeout, attempts, pacing, rawPaste, output, link.withDtr(dtr), lock, resetAction);
    }

    /** The RTS line's state once the port is open; see {@link #withDtr}. */
    public DeviceOptions withRts(LineState rts) {
        return new DeviceOptions(timeout, attempts, pacing, rawPaste, output, link.withRts(rts), lock, resetAction);
    }

    /**
     * What the transport needs of these options: the baud rate, the connect timeout and the
     * password, with {@link LinkOptions}' write timeout (5 s, or this call deadline when that is
     * shorter: a board that stops reading must not hold a call past it). With {@code attempts} 0, a WebREPL
     * board that ended its session and takes no connection again within 1 s is reported gone then,
     * not after the whole connect timeout: nobody would reconnect to it anyway, and a board that
     * only reset listens again sooner. With attempts, the transport waits up to the connect
     * timeout, which rides out a slow reset without a reconnect and replay.
     *
     * <pre>{@code
     * Transport transport = Transports.open("ws://192.168.1.100",
     *         DeviceOptions.defaults().withPassword("python").linkOptions());
     * }</pre>
     */
    public LinkOptions linkOptions() {
        LinkOptions forCalls = timeout.compareTo(link.writeTimeout()) < 0 ? link.withWriteTimeout(timeout) : link;
        return attempts == 0 ? forCalls.withResetGrace(Duration.ofMillis(NO_RECONNECT_GRACE_MILLIS)) : forCalls;
    }

    /** How long connecting waits for a board that another process or device holds; see {@link #withLockTimeout}. */
    public Duration lockTimeout() {
        return lock.timeout();
    }

    /**
     * Waits up to {@code lockTimeout} (default 5 minutes) for a board that another process holds
     * (a second test run, another Surefire fork, a serial terminal that writes lock files) or
     * another {@code Device} of this process, then throws {@link BoardBusyException} naming the
     * holder's PID and command line. The board is locked from before its port opens until
     * {@link Device#close()}, across reconnects, with the lock file {@code /var/lock/LCK..NAME}
     * that minicom and picocom also honour: {@code ttyACM0} for {@code /dev/ttyACM0} and the links
     * to it, {@code pts_5} for {@code /dev/pts/5}, {@code HOST:PORT} for a network board. A
     * process that dies lets go of it at once.
     *
     * <pre>{@code
     * Device.connect("/dev/ttyACM0", DeviceOptions.defaults().withLockTimeout(Duration.ofSeconds(30)));
     * }</pre>
     */
    public DeviceOptions withLockTimeout(Duration lockTimeout) {
        return new DeviceOptions(timeout, attempts, pacing, rawPaste, output, link, lock.withTimeout(lockTimeout),
                resetAction);
    }

    /** Where lock files go; {@code null} (the default) for {@code /var/lock}, see {@link #withLockDirectory}. */
    public Path lockDirectory() {
        return lock.directory();
    }

    /**
     * Puts board lock files in {@code directory} instead of {@code /var/lock} (or, where that is
     * not writable, {@code belay-locks} in {@code java.io.tmpdir}). Only processes that use the
     * same directory see each other's locks.
     *
     * <pre>{@code
     * DeviceOptions.defaults().withLockDirectory(Path.of("/srv/lab/locks"));
     * }</pre>
     */
    public DeviceOptions withLockDirectory(Path directory) {
        return new DeviceOptions(timeout, attempts, pacing, rawPaste, output, link, lock.withDirectory(directory),
                resetAction);
    }

    /** How Belay hard-resets the board when it ignores Ctrl-C; {@link ResetAction#none()} by default. */
    public ResetAction resetAction() {
        return resetAction;
    }

    /**
     * Lets Belay hard-reset a board that ignores Ctrl-C after a call's deadline (or that a reconnect
     * or a connect finds mute): it runs the action, opens the port again, replays the history and
     * reports the call with a {@link BoardResetException}. See {@link ResetAction} for the actions.
     *
     * <pre>{@code
     * Device.connect("/dev/ttyACM0", DeviceOptions.defaults()
     *         .withResetAction(ResetAction.command("uhubctl -a cycle -l 1-1 -p 2")));
     * }</pre>
     */
    public DeviceOptions withResetAction(ResetAction resetAction) {
        return new DeviceOptions(timeout, attempts, pacing, rawPaste, output, link, lock, resetAction);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceOptions o
                && timeout.equals(o.timeout) && attempts == o.attempts && pacing.equals(o.pacing)
                && rawPaste == o.rawPaste && Objects.equals(output, o.output) && link.equals(o.link)
                && lock.equals(o.lock)
                && resetAction.equals(o.resetAction);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeout, attempts, pacing, rawPaste, output, link, lock, resetAction);
    }

    @Override
    public String toString() {
        return "DeviceOptions[timeout=" + timeout + ", connectTimeout=" + connectTimeout()
                + ", attempts=" + attempts + ", pacing=" + pacing + ", rawPaste=" + rawPaste
                + ", baudRate=" + baudRate() + ", password=" + (password() == null ? "none" : "(set)")
                + ", lockTimeout=" + lock.timeout() + ", resetAction=" + resetAction + "]";
    }
}
