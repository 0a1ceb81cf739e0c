package dev.belay.virtual.bench;

import com.fazecast.jSerialComm.SerialPort;
import dev.belay.Device;
import dev.belay.DeviceOptions;
import dev.belay.Task;
import dev.belay.virtual.BoardKind;
import dev.belay.virtual.VirtualBoard;
import dev.belay.virtual.VirtualBoards;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Prints the round trip of a trivial {@code exec}, of {@code eval("0")} and of a task call through
 * {@link Device} next to a bare jSerialComm raw-REPL loop on the same pty (the board's own round
 * trip), the same calls over WebREPL next to serial on one board, and the throughput of a 64 KiB
 * source through raw-paste. Not a test: figures only.
 *
 * <pre>
 * ./mvnw -q -pl belay-virtual -am test-compile exec:java@benchmark [-Dbenchmark.boards=microbit,webrepl]
 * </pre>
 */
public final class ReplBenchmark {

    private ReplBenchmark() {}

    /**
     * Measures the boards named by the arguments, or by
     * {@code -Dbenchmark.boards=micropython,microbit,webrepl} (all by default; {@code webrepl} is the
     * micropython board over WebREPL).
     */
    public static void main(String[] args) {
        java.util.List<String> boards = args.length > 0 ? Arrays.asList(args)
                : Arrays.asList(System.getProperty("benchmark.boards", "micropython,microbit,webrepl").split(","));
        System.out.println("board        call                   calls   median      p90");
        if (boards.contains("micropython")) {
            measure(BoardKind.MICROPYTHON, 1000);
        }
        if (boards.contains("microbit")) {
            measure(BoardKind.MICROBIT, 200);
        }
        if (boards.contains("webrepl")) {
            measureWebRepl(1000);
        }
        if (boards.contains("micropython")) {
            rawPasteThroughput();
            replayDuration(200);
        }
        System.out.println();
        if (boards.contains("micropython")) {
            SyncBenchmark.run(BoardKind.MICROPYTHON, 64 * 1024, 200 * 1024);
        }
        if (boards.contains("microbit")) {
            // The micro:bit's whole filesystem is about 14 KB: 64 and 200 KB files cannot exist there.
            SyncBenchmark.run(BoardKind.MICROBIT, 8 * 1024);
        }
    }

    private static void measure(BoardKind kind, int calls) {
        try (VirtualBoard board = VirtualBoards.start(kind)) {
            String port = board.port().toString();
            print(kind, "bare jSerialComm", calls, bareRoundTrips(port, calls));
            try (Device device = Device.connect(port)) {
                print(kind, "exec(\"pass\")", calls, time(calls, () -> device.exec("pass")));
                print(kind, "eval(\"0\")", calls, time(calls, () -> device.eval("0")));
                Task reading = device.task("def reading(a, b, c):\n    return {'a': a, 'b': b, 'c': c}");
                print(kind, "task, 3 args, dict", calls, time(calls, () -> reading.call(1, 2.5, "x")));
            }
        }
    }

    /**
     * The same calls over WebREPL, next to the serial figure of the same board: the cost of the
     * WebSocket (framing, masking, a TCP round trip on loopback) over the pty.
     */
    private static void measureWebRepl(int calls) {
        String password = "bench";
        try (VirtualBoard board = VirtualBoards.startWithWebRepl(password)) {
            try (Device serial = Device.connect(board.port().toString())) {
                print(BoardKind.MICROPYTHON, "serial eval(\"0\")", calls, time(calls, () -> serial.eval("0")));
            }
            try (Device webRepl = Device.connect(board.webRepl().orElseThrow(),
                    DeviceOptions.defaults().withPassword(password))) {
                print(BoardKind.MICROPYTHON, "WebREPL exec(\"pass\")", calls, time(calls, () -> webRepl.exec("pass")));
                print(BoardKind.MICROPYTHON, "WebREPL eval(\"0\")", calls, time(calls, () -> webRepl.eval("0")));
            }
        }
    }

    private static long[] time(int calls, Runnable call) {
        long[] times = new long[calls];
        for (int i = -calls / 5; i < calls; i++) {
            long start = System.nanoTime();
            call.run();
            if (i >= 0) {
                times[i] = System.nanoTime() - start;
            }
        }
        return times;
    }

    /** The minimal client: raw mode entered once, then {@code pass\x04} and a read up to {@code \x04>}. */
    private static long[] bareRoundTrips(String path, int calls) {
        SerialPort port = SerialPort.getCommPort(path);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 2_000, 0);
        if (!port.openPort()) {
            throw new IllegalStateException("cannot open " + path);
        }
        try {
            write(port, "\r\u0003\u0003\u0001");
            readUntil(port, "raw REPL; CTRL-B to exit\r\n>");
            long[] times = new long[calls];
            for (int i = -calls / 5; i < calls; i++) {
                long start = System.nanoTime();
                write(port, "pass\u0004");
                readUntil(port, "\u0004>");
                if (i >= 0) {
                    times[i] = System.nanoTime() - start;
                }
            }
            write(port, "\u0002");
            return times;
        } finally {
            port.closePort();
        }
    }

    private static void write(SerialPort port, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        port.writeBytes(bytes, bytes.length);
    }

    private static void readUntil(SerialPort port, String marker) {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[256];
        while (seen.indexOf(marker) < 0) {
            int n = port.readBytes(buffer, buffer.length);
            if (n <= 0) {
                throw new IllegalStateException("no answer; saw " + seen);
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
    }

    private static void rawPasteThroughput() {
        StringBuilder source = new StringBuilder(70_000);
        while (source.length() < 64 * 1024 - 64) {
            source.append("# sixty-four bytes of comment, compiled away by the board ....\n");
        }
        source.append("x = ").append(source.length()).append('\n');
        try (Device device = Device.connect("virtual:micropython",
                DeviceOptions.defaults().withTimeout(Duration.ofSeconds(60)))) {
            device.exec("pass");
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                device.exec(source.toString());
                best = Math.min(best, System.nanoTime() - start);
            }
            System.out.printf(Locale.ROOT, "%nraw-paste of a %d-byte source on micropython: %.1f ms, %.0f KiB/s (best of 5)%n",
                    source.length(), best / 1e6, source.length() / 1024.0 / (best / 1e9));
        }
    }

    /**
     * The time {@code ensureSession()} takes to notice a hard reset and replay a history of
     * {@code entries} statements (including the 100 ms Belay waits for a restarted board to fall quiet).
     */
    private static void replayDuration(int entries) {
        try (VirtualBoard board = VirtualBoards.start(BoardKind.MICROPYTHON);
             Device device = Device.connect(board.port().toString())) {
            for (int i = 0; i < entries; i++) {
                device.exec("v" + i + " = " + i);
            }
            long[] times = new long[5];
            for (int round = 0; round < times.length; round++) {
                board.hardReset();
                sleep(300);
                long start = System.nanoTime();
                if (!device.ensureSession()) {
                    throw new IllegalStateException("the reset went unnoticed");
                }
                times[round] = System.nanoTime() - start;
            }
            Arrays.sort(times);
            System.out.printf(Locale.ROOT, "restore after a hard reset, %d-entry history, micropython: median %.1f ms "
                    + "(of 5)%n", entries, times[2] / 1e6);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void print(BoardKind kind, String client, int calls, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-12s %-22s %5d %7.3f ms %7.3f ms%n", kind.id(), client, calls,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6);
    }
}
