package dev.belay.virtual;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program a software board runs (node, qemu, socat), stopped by its own handle: by
 * {@link #stop()}, and at the latest when the JVM exits. Its output is logged and its last lines
 * kept for error messages.
 */
final class ChildProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final int TAIL_LINES = 20;
    private static final Set<ChildProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ChildProcess::stop),
                "belay-virtual-reaper"));
    }

    private final String name;
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Deque<String> unclaimedStdout = new ArrayDeque<>();

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        pump(process.getInputStream(), true);
        pump(process.getErrorStream(), false);
    }

    /**
     * Starts {@code command}; {@code installHint} completes the sentence when the program is missing.
     */
    static ChildProcess start(String name, List<String> command, String installHint) {
        try {
            ChildProcess child = new ChildProcess(name, new ProcessBuilder(command).start());
            RUNNING.add(child);
            return child;
        } catch (IOException e) {
            throw new VirtualBoardException(command.get(0) + " could not be started (" + e.getMessage() + "). "
                    + installHint, e);
        }
    }

    private void pump(InputStream stream, boolean stdout) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    LOG.debug("{}: {}", name, line);
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                        if (stdout) {
                            unclaimedStdout.addLast(line);
                        }
                        tail.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process ended; its exit is noticed by whoever waits on it.
            }
        }, "belay-" + name + (stdout ? "-stdout" : "-stderr"));
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for a line on stdout that matches, and returns it. */
    String awaitLine(Predicate<String> wanted, Duration timeout, String awaited) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (tail) {
            while (true) {
                while (!unclaimedStdout.isEmpty()) {
                    String line = unclaimedStdout.removeFirst();
                    if (wanted.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (!process.isAlive() || left <= 0) {
                    throw new VirtualBoardException(name + (process.isAlive() ? " did not print " + awaited
                            + " within " + timeout.toMillis() + " ms." : " ended before it printed " + awaited + ".")
                            + describeTail());
                }
                try {
                    tail.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new VirtualBoardException("Interrupted while waiting for " + name + ".", e);
                }
            }
        }
    }

    /** The last lines the program printed, for error messages. */
    String describeTail() {
        synchronized (tail) {
            return tail.isEmpty() ? "" : " Its last output:\n" + String.join("\n", tail);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The program's process id, for signals sent from outside the JVM. */
    long pid() {
        return process.pid();
    }

    /** Writes a line to the program's stdin. */
    void send(String line) {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new VirtualBoardException(name + " no longer takes commands: it has ended." + describeTail(), e);
        }
    }

    /** Ends the program and everything it started, waiting until they are gone. */
    void stop() {
        RUNNING.remove(this);
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                LOG.warn("{} did not end on SIGTERM; killing it", name);
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
