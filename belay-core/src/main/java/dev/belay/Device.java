package dev.belay;

import dev.belay.repl.MarkedReply;
import dev.belay.repl.OutputListener;
import dev.belay.repl.PythonError;
import dev.belay.repl.RawReply;
import dev.belay.repl.RawRepl;
import dev.belay.repl.ReplSettings;
import dev.belay.transport.Transport;
import dev.belay.transport.Transports;
import dev.belay.value.PythonValueParser;
import dev.belay.value.ValueConverter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A MicroPython board, connected. Runs code on the board and returns what it printed; a Python
 * exception on the board becomes a {@link DeviceException}.
 *
 * <pre>{@code
 * try (Device device = Device.connect("/dev/ttyACM0")) {
 *     device.exec("import machine");
 *     String out = device.exec("print(machine.unique_id())");
 * }
 * }</pre>
 *
 * <p>One call runs at a time: calls from several threads are served in turn. Connection strings:
 * a serial port ({@code /dev/ttyACM0}, {@code COM3}), {@code exec:COMMAND} for a program's stdin
 * and stdout, and {@code virtual:micropython} or {@code virtual:microbit} for the software boards
 * of belay-virtual.
 */
public final class Device implements AutoCloseable {

    private final Transport transport;
    private final RawRepl repl;
    private final DeviceOptions options;
    private final BoardHelpers helpers = BoardHelpers.withFreshNonce();
    private boolean closed;

    private Device(Transport transport, DeviceOptions options) {
        this.transport = transport;
        this.options = options;
        this.repl = new RawRepl(transport,
                new ReplSettings(options.pacing(), options.rawPaste(), options.connectTimeout()));
    }

    /** Connects with {@link DeviceOptions#defaults()}. */
    public static Device connect(String connection) {
        return connect(connection, DeviceOptions.defaults());
    }

    /**
     * Opens the connection, interrupts whatever the board runs and puts it in raw REPL mode.
     *
     * @throws ConnectionException when the port cannot be opened or the board does not answer
     */
    public static Device connect(String connection, DeviceOptions options) {
        Objects.requireNonNull(options, "options");
        Transport transport = Transports.open(connection, options);
        Device device = new Device(transport, options);
        try {
            device.repl.enterRawMode();
            device.installHelpers();
        } catch (DeviceTimeoutException e) {
            transport.close();
            throw new ConnectionException(e.getMessage(), e);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        return device;
    }

    /**
     * Runs statements on the board and returns what they printed, with {@code \n} line ends.
     *
     * <pre>{@code
     * assertThat(device.exec("for i in range(3):\n    print(i)")).isEqualTo("0\n1\n2\n");
     * }</pre>
     *
     * @throws DeviceException        when the code raised an exception on the board
     * @throws DeviceTimeoutException when it ran past {@link DeviceOptions#timeout()}; the board is
     *                                interrupted and ready for the next call
     */
    public synchronized String exec(String code) {
        RawReply reply = run(code);
        if (reply.failed()) {
            throw deviceException(reply.errorText());
        }
        return reply.outputText();
    }

    /**
     * Evaluates a Python expression on the board and returns its value as the natural Java type:
     * {@code Long} (or {@code BigInteger}), {@code Double}, {@code String}, {@code byte[]},
     * {@code Boolean}, {@code List}, {@code Map}, {@code Set}, or {@code null} for None.
     *
     * <pre>{@code
     * assertThat(device.eval("[1, 2.5, 'three', b'4', None]"))
     *         .isEqualTo(List.of(1L, 2.5, "three", ...));
     * }</pre>
     *
     * @throws dev.belay.value.ValueException when the value has no literal form (a custom object)
     * @throws DeviceException                when evaluating it raised an exception on the board
     */
    public synchronized Object eval(String expression) {
        return call("_belay_run(lambda: (" + expression + "\n))");
    }

    /**
     * Evaluates a Python expression and converts its value to {@code type}, which may be a
     * primitive, a boxed type, {@code String}, {@code byte[]}, an array, an enum or a record (from
     * a dict).
     *
     * <pre>{@code
     * double celsius = device.eval("sensor.read()", double.class);
     * }</pre>
     */
    public synchronized <T> T eval(String expression, Class<T> type) {
        return ValueConverter.convert(eval(expression), type);
    }

    /** Runs helper-wrapped code and turns its reply into a value or an exception. */
    private Object call(String code) {
        ensureOpen();
        MarkedReply reply = repl.call(code.getBytes(StandardCharsets.UTF_8), helpers.marker(), options.timeout(),
                OutputListener.NONE);
        if (reply.kind() == MarkedReply.NOT_RUN) {
            throw deviceException(reply.errorText());
        }
        if (reply.kind() == 'E') {
            throw deviceException(reply.payload());
        }
        return PythonValueParser.parse(reply.payload());
    }

    private static DeviceException deviceException(String errorText) {
        PythonError error = PythonError.parse(errorText);
        return new DeviceException(error.type(), error.message(), error.traceback());
    }

    private void installHelpers() {
        RawReply reply = repl.exec(helpers.source(), options.connectTimeout(), OutputListener.NONE);
        if (reply.failed()) {
            throw new ProtocolException("The board refused Belay's helper code: " + reply.errorText().strip()
                    + ". Is this MicroPython?");
        }
    }

    private RawReply run(String code) {
        ensureOpen();
        return repl.exec(code.getBytes(StandardCharsets.UTF_8), options.timeout(), OutputListener.NONE);
    }

    /** Soft-resets the board: its Python globals are cleared, its files stay. */
    public synchronized void softReset() {
        ensureOpen();
        repl.softReset();
        installHelpers();
    }

    /**
     * Sends Ctrl-C to the board from any thread: the running call ends with a
     * {@link DeviceException} of type {@code KeyboardInterrupt}.
     */
    public void interrupt() {
        repl.interrupt();
    }

    /** The connection string this device was opened with. */
    public String connection() {
        return transport.name();
    }

    /** The options this device was opened with. */
    public DeviceOptions options() {
        return options;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This device (" + transport.name() + ") is closed; connect again.");
        }
    }

    /** Returns the board to its friendly REPL and releases the port. Closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            repl.exitRawMode();
        } catch (BelayException e) {
            // The board is already gone; releasing the port is all that is left to do.
        } finally {
            transport.close();
        }
    }
}
