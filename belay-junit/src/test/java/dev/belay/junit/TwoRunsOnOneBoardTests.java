package dev.belay.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.virtual.BoardKind;
import dev.belay.virtual.VirtualBoard;
import dev.belay.virtual.VirtualBoards;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two test runs through Belay's extension, each in its own JVM as two Surefire forks or two
 * {@code mvn} runs on one bench board: the second waits for the first's lock instead of failing,
 * gets the board once the first run has ended (while that JVM still lives), and both pass.
 */
class TwoRunsOnOneBoardTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static VirtualBoard board;

    @BeforeAll
    static void startBoard() {
        board = VirtualBoards.start(BoardKind.MICROPYTHON);
    }

    @AfterAll
    static void stopBoard() {
        if (board != null) {
            board.close();
        }
    }

    @Test
    void theSecondRunWaitsForTheFirstToEndAndThenBothPass() throws Exception {
        Child a = Child.start(board.port());
        Child b = Child.start(board.port());
        try {
            Child first = Child.awaitFirst(List.of(a, b), "holding the board"::equals);
            Child second = first == a ? b : a;
            String waiting = second.awaitLine(line -> line.contains("Waiting up to PT1M for the board " + board.port()));
            assertThat(waiting).contains("process " + first.pid() + " (");
            assertThat(second.lines()).doesNotContain("holding the board");

            first.tell(); // its test ends, and with it its run
            first.awaitLine("run ended: 1 succeeded, 0 did not"::equals);
            second.awaitLine("holding the board"::equals);
            assertThat(first.isAlive()).as("the first run's JVM, which let go of the board at the run's end").isTrue();

            second.tell();
            second.awaitLine("run ended: 1 succeeded, 0 did not"::equals);
            first.tell();
            second.tell();
            assertThat(first.exitCode()).as("exit code of the first run").isZero();
            assertThat(second.exitCode()).as("exit code of the second run").isZero();
            assertThat(second.held()[0]).as("the second run's test starts after the first's ended")
                    .isGreaterThanOrEqualTo(first.held()[1]);
        } finally {
            try {
                a.stop();
            } finally {
                b.stop();
            }
        }
    }

    /**
     * A {@link BoardHoldingRun} in its own JVM on {@code port}, with its output (standard error, where
     * the log goes, too) collected. Every child's lines are guarded by one monitor, which each new line
     * wakes, so a test can wait for a line of either.
     */
    private static final class Child {
        private static final Object OUTPUT = new Object();
        private static final int MAX_LINES = 500;
        private static final Pattern HELD = Pattern.compile("held the board from (\\d+) to (\\d+)");

        private final Process process;
        private final List<String> lines = new ArrayList<>();
        private boolean ended;

        private Child(Process process) {
            this.process = process;
            Thread reader = new Thread(this::collect, "child-" + process.pid() + "-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path port) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Dbelay.port=" + port, "-Dbelay.lockTimeout=PT1M", "-Dbelay.output=none",
                    BoardHoldingRun.class.getName()).redirectErrorStream(true);
            // Only the system properties above configure the child: a CI runner's BELAY_* variables must not.
            builder.environment().keySet().removeIf(name -> name.startsWith("BELAY_"));
            return new Child(builder.start());
        }

        private void collect() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (OUTPUT) {
                        if (lines.size() < MAX_LINES) {
                            lines.add(line);
                        }
                        OUTPUT.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process ended; what it printed is kept.
            } finally {
                synchronized (OUTPUT) {
                    ended = true;
                    OUTPUT.notifyAll();
                }
            }
        }

        long pid() {
            return process.pid();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        List<String> lines() {
            synchronized (OUTPUT) {
                return List.copyOf(lines);
            }
        }

        /** The first line {@code wanted} accepts, waiting for it while the child prints, until it ends or patience runs out. */
        String awaitLine(Predicate<String> wanted) throws InterruptedException {
            return awaitFirst(List.of(this), wanted).lines().stream().filter(wanted).findFirst().orElseThrow();
        }

        /** Of {@code children}, the first to print a line {@code wanted} accepts. */
        static Child awaitFirst(List<Child> children, Predicate<String> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            synchronized (OUTPUT) {
                while (true) {
                    for (Child child : children) {
                        if (child.lines.stream().anyMatch(wanted)) {
                            return child;
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || children.stream().allMatch(child -> child.ended)) {
                        break;
                    }
                    TimeUnit.NANOSECONDS.timedWait(OUTPUT, left);
                }
            }
            StringBuilder output = new StringBuilder();
            children.forEach(child -> output.append("\n--- process ").append(child.pid()).append(child.ended ? " (ended)" : "")
                    .append(":\n").append(String.join("\n", child.lines())));
            throw new AssertionError("No process printed the line expected here within " + PATIENCE + "." + output);
        }

        /** The wall-clock interval, in epoch milliseconds, that the child's test held the board. */
        long[] held() throws InterruptedException {
            Matcher matcher = HELD.matcher(awaitLine(line -> HELD.matcher(line).matches()));
            assertThat(matcher.matches()).isTrue();
            return new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
        }

        /** A line on its standard input: lets its test end, or, once its run ended, its JVM exit. */
        void tell() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write('\n');
            in.flush();
        }

        int exitCode() throws InterruptedException {
            assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("process %d ended", pid()).isTrue();
            return process.exitValue();
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
