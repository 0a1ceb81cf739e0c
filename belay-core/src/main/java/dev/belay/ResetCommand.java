package dev.belay;

import dev.belay.transport.SystemShell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a reset action's shell command line under a deadline, keeping the end of what it prints
 * for the message when it fails.
 */
final class ResetCommand {

    private static final Logger LOG = LoggerFactory.getLogger(ResetCommand.class);
    /** How much of the command's output (stdout and stderr together) is kept: its end. */
    private static final int TAIL_BYTES = 2048;
    /** How much of the kept output a message quotes. */
    private static final int QUOTED_CHARS = 400;

    private ResetCommand() {}

    /**
     * Runs {@code commandLine} in a shell and waits for it, at most {@code timeout}.
     *
     * @param connection the board's connection string, for the command's {@code BELAY_CONNECTION}
     * @throws ResetFailedException when it cannot start, exits with a code other than 0, or runs too long
     */
    static void run(String commandLine, Duration timeout, String connection) {
        ProcessBuilder builder = new ProcessBuilder(SystemShell.command(commandLine)).redirectErrorStream(true);
        builder.environment().put("BELAY_CONNECTION", connection);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ResetFailedException("The reset command '" + commandLine + "' could not start: " + e.getMessage()
                    + ".", e);
        }
        closeQuietly(process);
        Tail tail = new Tail(process.getInputStream());
        Thread reader = new Thread(tail, "belay-reset-command");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new ResetFailedException("The reset command '" + commandLine + "' did not finish within "
                        + timeout.toSeconds() + " s and was stopped" + tail.quote() + ". Make it finish sooner, "
                        + "or run it by hand to see where it waits.");
            }
            // The output's end may still be on its way after the exit: let the reader take it.
            reader.join(1_000);
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ResetFailedException("Interrupted while the reset command '" + commandLine + "' ran.", e);
        }
        int exit = process.exitValue();
        LOG.debug("Reset command '{}' exited with {}; output: {}", commandLine, exit, tail.text());
        if (exit != 0) {
            throw new ResetFailedException("The reset command '" + commandLine + "' failed with exit code " + exit
                    + tail.quote() + ". Run it by hand to see why.");
        }
    }

    /** The command gets no input: a command that asks for some fails instead of waiting. */
    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // It exited already.
        }
    }

    /** Reads a stream to its end, keeping its last {@value #TAIL_BYTES} bytes. */
    private static final class Tail implements Runnable {
        private final InputStream in;
        private final byte[] ring = new byte[TAIL_BYTES];
        private long total;

        Tail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[512];
            try (in) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (this) {
                        for (int i = 0; i < n; i++) {
                            ring[(int) (total++ % TAIL_BYTES)] = buffer[i];
                        }
                    }
                }
            } catch (IOException e) {
                // The process was stopped; what was read is all there is.
            }
        }

        synchronized String text() {
            int kept = (int) Math.min(total, TAIL_BYTES);
            byte[] bytes = new byte[kept];
            for (int i = 0; i < kept; i++) {
                bytes[i] = ring[(int) ((total - kept + i) % TAIL_BYTES)];
            }
            return new String(bytes, StandardCharsets.UTF_8).strip();
        }

        /** "; its output ended with: '...'", or "; it printed nothing". */
        String quote() {
            String text = text();
            if (text.isEmpty()) {
                return "; it printed nothing";
            }
            String end = text.length() > QUOTED_CHARS ? "..." + text.substring(text.length() - QUOTED_CHARS) : text;
            return "; its output ended with: '" + end.replace("\r", "").replace("\n", " | ") + "'";
        }
    }
}
