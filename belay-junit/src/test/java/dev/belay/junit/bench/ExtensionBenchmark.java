package dev.belay.junit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.belay.Device;
import dev.belay.junit.BelayDevice;
import dev.belay.junit.BelayExtension;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Prints what the extension adds to each test when the board did not reset: a class of 200 tests
 * that take a {@code @BelayDevice} (checked before each test, locked, transcript marked) against
 * the same 200 tests without it. Not a test: figures only.
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
    }

    private static long run(Class<?> testCase, Map<String, String> configuration) {
        long start = System.nanoTime();
        EngineTestKit.engine("junit-jupiter").configurationParameters(configuration).selectors(selectClass(testCase))
                .execute().testEvents().assertStatistics(stats -> stats.succeeded(200));
        return System.nanoTime() - start;
    }
}
