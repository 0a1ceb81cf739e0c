package dev.belay.virtual;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * ser2net 4 (Debian package {@code ser2net}) in the foreground, exporting a software board's pty
 * on a free loopback port, as a lab machine exports a USB board's serial port. The test owns the
 * process: {@link #kill()} ends it as a crash would, {@link #start()} starts it again with the same
 * configuration on the same port, {@link #close()} stops it for good.
 *
 * <pre>{@code
 * try (Ser2Net server = Ser2Net.serve(board.port(), Ser2Net.Accepter.RFC2217);
 *      Device device = Device.connect(server.connection())) {
 *     device.exec("x = 1");
 * }
 * }</pre>
 */
final class Ser2Net implements AutoCloseable {

    /** How ser2net offers the port: telnet with RFC 2217, raw TCP, or plain telnet (a mistake to be reported). */
    enum Accepter {
        RFC2217("telnet(rfc2217),tcp", "rfc2217"),
        RAW("tcp", "socket"),
        PLAIN_TELNET("telnet,tcp", "rfc2217");

        final String gensio;
        final String scheme;

        Accepter(String gensio, String scheme) {
            this.gensio = gensio;
            this.scheme = scheme;
        }
    }

    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(5);
    private static final String INSTALL = "Install ser2net (Debian/Ubuntu: sudo apt-get install ser2net).";

    /** Those still running when the JVM exits (a test run cut short) are killed then. */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "belay-ser2net-reaper"));
    }

    private final Path dir;
    private final Path config;
    private final Path log;
    private final Accepter accepter;
    private final int port;
    private Process process;

    private Ser2Net(Path dir, Accepter accepter, int port) {
        this.dir = dir;
        this.config = dir.resolve("ser2net.yaml");
        this.log = dir.resolve("ser2net.log");
        this.accepter = accepter;
        this.port = port;
    }

    /** Starts ser2net for {@code device} and returns once it listens. */
    static Ser2Net serve(Path device, Accepter accepter) {
        try {
            Ser2Net server = new Ser2Net(Files.createTempDirectory("belay-ser2net"), accepter, freePort());
            // No UUCP lock (-u) and the pid file in the temporary folder: nothing in /var is touched.
            Files.writeString(server.config, String.join("\n",
                    "connection: &board",
                    "  accepter: " + accepter.gensio + ",127.0.0.1," + server.port,
                    "  connector: serialdev," + device + ",115200n81,local",
                    ""), StandardCharsets.UTF_8);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** {@code rfc2217://127.0.0.1:PORT} or {@code socket://127.0.0.1:PORT}. */
    String connection() {
        return accepter.scheme + "://127.0.0.1:" + port;
    }

    /** The address in messages: {@code 127.0.0.1:PORT}. */
    String address() {
        return "127.0.0.1:" + port;
    }

    /** Starts ser2net (again) with the same configuration and waits until it listens on the port. */
    synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("ser2net runs already");
        }
        try {
            process = new ProcessBuilder(List.of(executable(), "-n", "-u", "-P", dir.resolve("ser2net.pid").toString(),
                    "-c", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            RUNNING.add(process);
        } catch (IOException e) {
            throw new VirtualBoardException("ser2net could not be started (" + e.getMessage() + "). " + INSTALL, e);
        }
        long deadline = System.nanoTime() + LISTEN_TIMEOUT.toNanos();
        while (!listening()) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                String output = output();
                kill();
                throw new VirtualBoardException("ser2net did not listen on 127.0.0.1:" + port + " within "
                        + LISTEN_TIMEOUT.toSeconds() + " s. Its output:\n" + output);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    /** ser2net on the PATH, else where Debian puts it: /usr/sbin, which a user's PATH lacks. */
    private static String executable() {
        Path sbin = Path.of("/usr/sbin/ser2net");
        boolean onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "ser2net")));
        return onPath || !Files.isExecutable(sbin) ? "ser2net" : sbin.toString();
    }

    /** Whether a socket listens on the port: the kernel's table, read without connecting (which would open the pty). */
    private boolean listening() {
        String local = String.format(Locale.ROOT, "0100007F:%04X", port);
        try (Stream<String> lines = Files.lines(Path.of("/proc/net/tcp"))) {
            return lines.map(String::trim).map(line -> line.split("\\s+"))
                    .anyMatch(fields -> fields.length > 3 && fields[1].equals(local) && fields[3].equals("0A"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends ser2net at once (SIGKILL), as a crash would: its clients' connections are closed by the kernel. */
    synchronized void kill() {
        if (process == null) {
            return;
        }
        RUNNING.remove(process);
        try {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What ser2net printed, for failure messages. */
    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops ser2net and removes its folder. Never throws. */
    @Override
    public synchronized void close() {
        kill();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind; nothing a test can do about it.
        }
    }
}
