package dev.belay.junit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.belay.Device;
import dev.belay.junit.BelayDevice;
import dev.belay.junit.BelayExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.EventType;

/**
 * Prints what the extension adds to each test when the board did not reset: a class of 200 tests
 * that take a {@code @BelayDevice} (checked before each test, locked, transcript marked) against
 * the same 200 tests without it. Then whether {@code Reset.BEFORE_EACH} stays flat: 300 tests with
 * a {@code @BeforeEach} that records an {@code exec}, the mean time of the first 50 against the
 * last 50 (a history that grew with every test would make the last ones slower). Not a test:
 * figures only.
 *
 * <pre>
 * ./mvnw -q -pl belay-junit -am test-compile exec:java@extension-benchmark
 * </pre>
 */
public final class ExtensionBenchmark {

    private ExtensionBenchmark() {}

    @ExtendWith(BelayExtension.class)
    public static class WithBoardTestCase {
        @RepeatedTest(200)
        void test(@BelayDevice Device device) {
        }
    }

    @ExtendWith(BelayExtension.class)
    public static class ResetBeforeEachTestCase {
        @BeforeEach
        void setUp(@BelayDevice(reset = BelayDevice.Reset.BEFORE_EACH) Device device) {
            device.exec("reading = 21");
        }

        @RepeatedTest(300)
        void test(@BelayDevice(reset = BelayDevice.Reset.BEFORE_EACH) Device device) {
            device.exec("reading += 1");
        }
    }

    public static class WithoutBoardTestCase {
        @RepeatedTest(200)
        void test() {
        }
    }

    public static void main(String[] args) {
        Map<String, String> board = Map.of("belay.port", System.getProperty("belay.port", "virtual:micropython"));
        run(WithBoardTestCase.class, board);   // warm-up, and the board's start
        run(WithoutBoardTestCase.class, Map.of());
        long with = Long.MAX_VALUE;
        long without = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            with = Math.min(with, run(WithBoardTestCase.class, board));
            without = Math.min(without, run(WithoutBoardTestCase.class, Map.of()));
        }
        System.out.printf(Locale.ROOT, "200 tests with @BelayDevice: %.1f ms, without: %.1f ms, per-test overhead "
                + "%.3f ms (includes opening the board once per run)%n", with / 1e6, without / 1e6, (with - without) / 200e6);
        resetBeforeEach(board);
    }

    /** Per-test time from each test's start event to its finish event, which includes its restore. */
    private static void resetBeforeEach(Map<String, String> board) {
        List<Event> events = EngineTestKit.engine("junit-jupiter").configurationParameters(board)
                .selectors(selectClass(ResetBeforeEachTestCase.class)).execute().testEvents()
                .assertStatistics(stats -> stats.succeeded(300)).list();
        Map<String, Instant> started = new HashMap<>();
        List<Duration> perTest = new ArrayList<>();
        for (Event event : events) {
            String id = event.getTestDescriptor().getUniqueId().toString();
            if (event.getType() == EventType.STARTED) {
                started.put(id, event.getTimestamp());
            } else if (event.getType() == EventType.FINISHED) {
                perTest.add(Duration.between(started.get(id), event.getTimestamp()));
            }
        }
        double first = meanMillis(perTest.subList(0, 50));
        double last = meanMillis(perTest.subList(perTest.size() - 50, perTest.size()));
        System.out.printf(Locale.ROOT, "300 Reset.BEFORE_EACH tests with a recording @BeforeEach: first 50 %.1f ms per "
                + "test, last 50 %.1f ms per test (%.2fx)%n", first, last, last / first);
    }

    private static double meanMillis(List<Duration> durations) {
        return durations.stream().mapToLong(Duration::toNanos).average().orElseThrow() / 1e6;
    }

    private static long run(Class<?> testCase, Map<String, String> configuration) {
        long start = System.nanoTime();
        EngineTestKit.engine("junit-jupiter").configurationParameters(configuration).selectors(selectClass(testCase))
                .execute().testEvents().assertStatistics(stats -> stats.succeeded(200));
        return System.nanoTime() - start;
    }
}
