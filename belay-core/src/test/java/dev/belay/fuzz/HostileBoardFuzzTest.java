package dev.belay.fuzz;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.fail;

import dev.belay.DeviceOptions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's fuzzing promise: against a board that answers with seeded random malformations,
 * every call ends with a {@link dev.belay.BelayException} or a value (never an untyped exception),
 * within its deadline plus one second, and the device works for the next call.
 *
 * <p>Properties: {@code belay.fuzz.rounds} (default {@value #DEFAULT_ROUNDS}), {@code belay.fuzz.lanes}
 * (boards fuzzed side by side, default {@value #DEFAULT_LANES}), {@code belay.fuzz.seed} (the run's
 * seed, random by default and printed), {@code belay.fuzz.replay} (plays the one round with that
 * seed, as printed with each failure), {@code belay.fuzz.kinds} (a comma-separated list of
 * {@link Malformation}s to draw from; a replay needs the same list). Every finding of a run is
 * written to {@code target/belay-fuzz/findings-SEED.txt}; the failure shows the first of each kind.
 *
 * <pre>
 * ./mvnw -B -ntp -pl belay-core test -Dtest='dev.belay.fuzz.*Test'
 * ./mvnw -B -ntp -pl belay-core test -Dtest=HostileBoardFuzzTest -Dbelay.fuzz.rounds=20000 -Dbelay.fuzz.kinds=WRONG_KIND
 * ./mvnw -B -ntp -pl belay-core test -Dtest=HostileBoardFuzzTest -Dbelay.fuzz.replay=0x10987a47c025a152
 * </pre>
 */
class HostileBoardFuzzTest {

    static final int DEFAULT_ROUNDS = 2_000;
    static final int DEFAULT_LANES = 16;
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** What issue 11 allows past a call's deadline. */
    private static final Duration GRACE = Duration.ofSeconds(1);
    /** However the calls behave, the run ends: rounds left when this passes are not played. */
    private static final Duration RUN_LIMIT = Duration.ofMinutes(5);
    private static final DeviceOptions OPTIONS = DeviceOptions.defaults()
            .withTimeout(TIMEOUT)
            .withConnectTimeout(CONNECT_TIMEOUT)
            .withAttempts(0)
            .withOutput(line -> {});

    @Test
    void everyCallOnAHostileBoardEndsTypedInTimeAndLeavesTheDeviceUsable() throws InterruptedException {
        long master = Long.getLong("belay.fuzz.seed", new SecureRandom().nextLong());
        String replay = System.getProperty("belay.fuzz.replay");
        int rounds = replay != null ? 1 : Integer.getInteger("belay.fuzz.rounds", DEFAULT_ROUNDS);
        int lanes = replay != null ? 1 : Math.min(rounds, Integer.getInteger("belay.fuzz.lanes", DEFAULT_LANES));
        List<Malformation> kinds = kinds();
        long[] seeds = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            seeds[i] = replay != null ? Long.parseUnsignedLong(replay.replaceFirst("^0x", ""), 16) : roundSeed(master, i);
        }

        List<FuzzLane.Round> played = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> harness = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(lanes, runnable -> {
            Thread thread = new Thread(runnable, "fuzz-lane");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<?>> futures = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            int first = lane;
            futures.add(pool.submit(() -> {
                try (FuzzLane fuzz = new FuzzLane("fuzz-" + first + "-" + System.nanoTime(), OPTIONS, GRACE, kinds)) {
                    for (int i = first; i < rounds && !stop.get(); i += lanes) {
                        played.add(fuzz.play(i, seeds[i]));
                    }
                } catch (Throwable e) {
                    harness.add(e);
                }
            }));
        }
        pool.shutdown();
        boolean finished = pool.awaitTermination(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        stop.set(true);
        double took = (System.nanoTime() - start) / 1e9;

        FindingsTable table = FindingsTable.of(List.copyOf(played));
        String heading = String.format(Locale.ROOT, "Hostile board fuzz: %d of %d rounds in %.1f s on %d lanes, seed %s "
                + "(rerun with -Dbelay.fuzz.seed=%d)%s, timeout %d ms, connect timeout %d ms, grace %d ms%n%s",
                played.size(), rounds, took, lanes, Finding.seedText(master), master,
                kinds.size() < Malformation.values().length ? ", only -Dbelay.fuzz.kinds=" + System.getProperty("belay.fuzz.kinds") : "",
                TIMEOUT.toMillis(), CONNECT_TIMEOUT.toMillis(), GRACE.toMillis(), table.render());
        System.out.println(heading);
        writeAll(table, heading, master);

        List<org.junit.jupiter.api.function.Executable> failures = new ArrayList<>();
        if (!finished) {
            failures.add(() -> fail("The run did not end within " + RUN_LIMIT + "; only " + played.size() + " rounds ran."));
        }
        for (Throwable e : List.copyOf(harness)) {
            failures.add(() -> fail("A fuzz lane failed outside any round: " + e, e));
        }
        for (FindingsTable.Group group : table.groups()) {
            failures.add(() -> fail(group.message()));
        }
        assertAll(heading, failures.stream());
    }

    /** The malformations to draw from: {@code -Dbelay.fuzz.kinds=WRONG_KIND,STALL} focuses a run (and its replays). */
    private static List<Malformation> kinds() {
        String only = System.getProperty("belay.fuzz.kinds", "").strip();
        if (only.isEmpty()) {
            return List.of(Malformation.values());
        }
        return java.util.Arrays.stream(only.split("\\s*,\\s*")).map(Malformation::valueOf).toList();
    }

    /** Every finding, not only the first of each group, for working through them one by one. */
    private static void writeAll(FindingsTable table, String heading, long master) {
        java.nio.file.Path file = java.nio.file.Path.of("target", "belay-fuzz", "findings-" + Finding.seedText(master) + ".txt");
        StringBuilder text = new StringBuilder(heading).append('\n');
        for (FindingsTable.Group group : table.groups()) {
            text.append("== ").append(group.findings().size()).append(" x ").append(group.kind()).append(" -> ")
                    .append(group.key()).append("\n");
            group.findings().forEach(finding -> text.append(finding).append("\n\n"));
        }
        try {
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, text);
            System.out.println("Every finding: " + file.toAbsolutePath());
        } catch (java.io.IOException e) {
            System.out.println("Could not write " + file + ": " + e);
        }
    }

    /** SplitMix64 of the run's seed and the round's number: rounds differ, and each can be replayed alone. */
    static long roundSeed(long master, int round) {
        long z = master + (round + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
