package dev.belay.transport.exec;

import dev.belay.ConnectionException;
import dev.belay.ConnectionLostException;
import dev.belay.DeviceTimeoutException;
import dev.belay.transport.ByteQueue;
import dev.belay.transport.SystemShell;
import dev.belay.transport.Transport;
import dev.belay.transport.WriterThread;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A child process's stdin and stdout as the byte pipe: for a board reached through a helper
 * program ({@code exec:socat - /dev/ttyUSB0,rawer}) or a board simulator that speaks on stdio.
 * The command runs in the system shell. What the process writes to stderr is kept (the last
 * lines) and quoted when the process ends.
 *
 * <p>A write waits for the process to take the bytes for at most the write timeout (see
 * {@link dev.belay.transport.LinkOptions#writeTimeout()}): a process that stops reading its stdin
 * fills the pipe, and the write then throws {@link DeviceTimeoutException} instead of blocking
 * until the process ends.
 *
 * <pre>{@code
 * Device device = Device.connect("exec:node board.mjs --stdio");
 * }</pre>
 */
final class ProcessTransport implements Transport {

    private static final int STDERR_TAIL_CHARS = 2_000;

    private final String name;
    private final String command;
    private final Process process;
    private final Duration writeTimeout;
    private final WriterThread stdin;
    private final ByteQueue stdout = new ByteQueue();
    private final StringBuilder stderrTail = new StringBuilder();

    private ProcessTransport(String name, String command, Process process, Duration writeTimeout) {
        this.name = name;
        this.command = command;
        this.process = process;
        this.writeTimeout = writeTimeout;
        OutputStream pipe = process.getOutputStream();
        this.stdin = new WriterThread((data, offset, length) -> {
            pipe.write(data, offset, length);
            pipe.flush();
        }, writeTimeout, "belay-exec-stdin");
        pump("stdout", process.getInputStream(), stdout::put, stdout::end);
        pump("stderr", process.getErrorStream(), this::keepStderr, () -> {});
    }

    /**
     * Starts {@code command} in the system shell; {@code name} is the connection string for
     * messages. A write throws when the process took no byte of it for {@code writeTimeout}.
     */
    public static ProcessTransport start(String name, String command, Duration writeTimeout) {
        try {
            return new ProcessTransport(name, command, new ProcessBuilder(SystemShell.command(command)).start(), writeTimeout);
        } catch (IOException e) {
            throw new ConnectionException("Could not start '" + command + "': " + e.getMessage(), e);
        }
    }

    private interface Sink {
        void accept(byte[] data, int offset, int length);
    }

    private void pump(String stream, InputStream in, Sink sink, Runnable atEnd) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    sink.accept(buffer, 0, n);
                }
            } catch (IOException e) {
                // The process went away; the reader learns it from the end mark.
            } finally {
                atEnd.run();
            }
        }, "belay-exec-" + stream);
        thread.setDaemon(true);
        thread.start();
    }

    private void keepStderr(byte[] data, int offset, int length) {
        synchronized (stderrTail) {
            stderrTail.append(new String(data, offset, length, StandardCharsets.UTF_8));
            if (stderrTail.length() > STDERR_TAIL_CHARS) {
                stderrTail.delete(0, stderrTail.length() - STDERR_TAIL_CHARS);
            }
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutMillis) {
        try {
            int n = stdout.take(buffer, offset, length, timeoutMillis);
            if (n < 0) {
                throw ended();
            }
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionLostException("Interrupted while reading from '" + command + "'.", e);
        }
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        boolean taken;
        try {
            taken = stdin.write(data, offset, length);
        } catch (IOException e) {
            throw ended();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionLostException("Interrupted while writing to '" + command + "'.", e);
        }
        if (!taken) {
            throw WriterThread.stalled(name, writeTimeout, "the process '" + command + "' stopped reading its stdin "
                    + "(it is busy, stuck, or never reads)");
        }
    }

    private ConnectionLostException ended() {
        String exit;
        try {
            exit = process.waitFor(200, TimeUnit.MILLISECONDS)
                    ? "ended with exit code " + process.exitValue() : "closed its output";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = "closed its output";
        }
        String stderr;
        synchronized (stderrTail) {
            stderr = stderrTail.toString().strip();
        }
        return new ConnectionLostException("The process '" + command + "' " + exit + "."
                + (stderr.isEmpty() ? "" : " It printed on stderr:\n" + stderr));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        stdin.close();
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
