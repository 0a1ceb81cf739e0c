package dev.belay;

import dev.belay.repl.OutputListener;
import dev.belay.repl.PythonError;
import dev.belay.repl.RawReply;
import dev.belay.repl.RawRepl;
import dev.belay.repl.ReplSettings;
import dev.belay.transport.Transport;
import dev.belay.transport.Transports;
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
            PythonError error = PythonError.parse(reply.errorText());
            throw new DeviceException(error.type(), error.message(), error.traceback());
        }
        return reply.outputText();
    }

    private RawReply run(String code) {
        ensureOpen();
        return repl.exec(code.getBytes(StandardCharsets.UTF_8), options.timeout(), OutputListener.NONE);
    }

    /** Soft-resets the board: its Python globals are cleared, its files stay. */
    public synchronized void softReset() {
        ensureOpen();
        repl.softReset();
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
