package dev.belay.transport.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import dev.belay.BoardBusyException;
import dev.belay.ConnectionException;
import dev.belay.ConnectionLostException;
import dev.belay.DeviceTimeoutException;
import dev.belay.internal.lock.PortUsers;
import dev.belay.transport.Deadline;
import dev.belay.transport.LineState;
import dev.belay.transport.LinkOptions;
import dev.belay.transport.ModemLines;
import dev.belay.transport.Transport;
import dev.belay.transport.WriterThread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A serial port through jSerialComm: a USB board's {@code /dev/ttyACM0} or {@code COM3}, or a
 * pseudo-terminal standing in for one.
 *
 * <p>jSerialComm reports an unplugged port by returning -1 from reads and 0 from writes while the
 * port still claims to be open; this class turns both into {@link ConnectionLostException}.
 *
 * <p>A write that the port does not take within the write timeout (hardware flow control held by
 * the board, a USB device that stopped reading) throws {@link DeviceTimeoutException}: the port
 * is still there.
 *
 * <pre>{@code
 * try (Transport port = SerialTransport.open("/dev/ttyACM0", LinkOptions.defaults())) {
 *     port.write(bytes, 0, bytes.length);
 * }
 * }</pre>
 */
public final class SerialTransport implements Transport {

    /** Longest single native wait; longer timeouts are served in slices of this length. */
    private static final int READ_SLICE_MILLIS = 100;
    private static final int EAGAIN = 11;
    private static final int EACCES = 13;

    private final String name;
    private final String path;
    private final SerialPort port;
    private final Duration writeTimeout;
    private final WriterThread writer;
    private int configuredReadMillis;
    private boolean hasLines;

    private SerialTransport(String name, String path, SerialPort port, Duration writeTimeout) {
        this.name = name;
        this.path = path;
        this.port = port;
        this.writeTimeout = writeTimeout;
        this.writer = new WriterThread(this::writeAll, writeTimeout, "belay-serial-writer");
    }

    /**
     * Opens the port at {@code path}, or throws a {@link ConnectionException} saying why it cannot:
     * a {@link BoardBusyException} naming the process when another program holds the port's lock.
     */
    public static SerialTransport open(String path, LinkOptions options) {
        return open(path, path, options);
    }

    /**
     * Opens the port at {@code path} under the connection string {@code name} (such as a
     * {@code usb:} string that was resolved to this path).
     */
    public static SerialTransport open(String path, String name, LinkOptions options) {
        if (!isWindowsName(path) && !Files.exists(Path.of(path))) {
            throw new ConnectionException("No serial port at " + path + ": the file does not exist. "
                    + "Is the board plugged in? Its port may have another name (ls /dev/ttyACM* /dev/ttyUSB*).");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new ConnectionException("'" + path + "' is not a serial port name jSerialComm accepts.", e);
        }
        port.setComPortParameters(options.baudRate(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        if (!port.openPort()) {
            int errno = port.getLastErrorCode();
            if (errno == EAGAIN) {
                throw new BoardBusyException("The serial port " + path + " is in use by another program that holds "
                        + "the port's own lock: " + PortUsers.describe(Path.of(path)) + ". Close the serial terminal, "
                        + "mpremote or other program that has it open.");
            }
            throw new ConnectionException(openFailure(path, errno));
        }
        SerialTransport transport = new SerialTransport(name, path, port, options.writeTimeout());
        try {
            transport.configureReadTimeout(READ_SLICE_MILLIS);
            transport.hasLines = transport.trySetLines(options.dtr(), options.rts());
        } catch (RuntimeException e) {
            // A board that re-enumerates on a line change: the port and its writer thread must not
            // outlive the failed open, or the port's own lock would turn away every later try.
            transport.close();
            throw e;
        }
        return transport;
    }

    private static boolean isWindowsName(String path) {
        return path.regionMatches(true, 0, "COM", 0, 3) || path.startsWith("\\\\.\\");
    }

    private static String openFailure(String path, int errno) {
        if (errno == EACCES) {
            return "Permission denied opening " + path + ". Add your user to the group that owns it "
                    + "(usually 'dialout': sudo usermod -aG dialout $USER, then log in again).";
        }
        return "The serial port " + path + " could not be opened (error code " + errno + ").";
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutMillis) {
        if (timeoutMillis <= 0) {
            return readWaiting(buffer, offset, length);
        }
        Deadline deadline = Deadline.after(Duration.ofMillis(timeoutMillis));
        while (true) {
            long remainingMillis = deadline.remainingMillis();
            configureReadTimeout((int) Math.max(1, Math.min(READ_SLICE_MILLIS, remainingMillis)));
            int n = port.readBytes(buffer, length, offset);
            if (n > 0) {
                return n;
            }
            if (n < 0 || port.bytesAvailable() < 0) {
                throw lost("reading from it failed");
            }
            if (remainingMillis <= READ_SLICE_MILLIS) {
                return 0;
            }
        }
    }

    private int readWaiting(byte[] buffer, int offset, int length) {
        int waiting = port.bytesAvailable();
        if (waiting < 0) {
            throw lost("reading from it failed");
        }
        return waiting == 0 ? 0 : port.readBytes(buffer, Math.min(waiting, length), offset);
    }

    private void configureReadTimeout(int millis) {
        if (millis != configuredReadMillis) {
            // Writes block without a timeout of jSerialComm's (it has one on Windows only): the
            // writer thread keeps the deadline on every system, and a stall is not taken for an unplug.
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                    millis, 0);
            configuredReadMillis = millis;
        }
    }

    @Override
    public boolean hasLines() {
        return hasLines;
    }

    @Override
    public void setLines(LineState dtr, LineState rts) {
        if (!hasLines || !trySetLines(dtr, rts)) {
            hasLines = false;
            throw new UnsupportedOperationException("The serial port " + path + " has no modem lines (DTR, RTS): "
                    + "it refused to set them. A pseudo-terminal has none.");
        }
    }

    /**
     * False when the port refused a line, as a pseudo-terminal does (it has none); the port is
     * then still usable, and throws only when it went away.
     */
    private boolean trySetLines(LineState dtr, LineState rts) {
        boolean[] refused = {false};
        ModemLines.apply(dtr, rts, new ModemLines.Sink() {
            @Override
            public void dtr(boolean on) {
                refused[0] |= !(on ? port.setDTR() : port.clearDTR());
            }

            @Override
            public void rts(boolean on) {
                refused[0] |= !(on ? port.setRTS() : port.clearRTS());
            }
        });
        if (refused[0] && port.bytesAvailable() < 0) {
            throw lost("setting its DTR or RTS line failed");
        }
        return !refused[0];
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        boolean taken;
        try {
            taken = writer.write(data, offset, length);
        } catch (IOException e) {
            throw lost(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionLostException("Interrupted while writing to the serial port " + path + ".", e);
        }
        if (!taken) {
            throw WriterThread.stalled(name, writeTimeout, "the serial line is held (flow control) or the board "
                    + "stopped reading");
        }
    }

    /** On the writer thread: jSerialComm's write blocks without a timeout on Linux and macOS. */
    private void writeAll(byte[] data, int offset, int length) throws IOException {
        int done = 0;
        while (done < length) {
            int n = port.writeBytes(data, length - done, offset + done);
            if (n <= 0) {
                throw new IOException("it accepted " + done + " of " + length + " bytes written");
            }
            done += n;
        }
    }

    private ConnectionLostException lost(String what) {
        return new ConnectionLostException("The serial port " + path + " went away: " + what
                + ". The board was unplugged or reset its USB connection.");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        writer.close();
        port.closePort();
    }
}
