package dev.belay.junit.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.belay.Device;
import dev.belay.Record;
import dev.belay.junit.BelayDevice;
import dev.belay.junit.BelayExtension;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Prints the wall time of one suite of 24 test classes run with JUnit's parallel classes on a pool
 * of one {@code virtual:micropython} board and on a pool of three. Each class imports a module in
 * its {@code @BeforeAll} and has three tests that each keep the board busy for 100 ms (the
 * software board's {@code time.sleep_ms} sleeps rather than spins, as a real board's wait costs
 * the host nothing). Each figure includes starting the run's boards. Not a test: figures only.
 *
 * <pre>
 * ./mvnw -q -pl belay-junit -am test-compile exec:java@pool-benchmark
 * </pre>
 */
public final class PoolBenchmark {

    private PoolBenchmark() {}

    @ExtendWith(BelayExtension.class)
    public abstract static class SuiteClass {
        @BeforeAll
        static void setUp(@BelayDevice Device device) {
            device.exec("import time");
        }

        @Test
        void first(@BelayDevice Device device) {
            device.exec("time.sleep_ms(100)", Record.NO);
        }

        @Test
        void second(@BelayDevice Device device) {
            device.exec("time.sleep_ms(100)", Record.NO);
        }

        @Test
        void third(@BelayDevice Device device) {
            device.exec("time.sleep_ms(100)", Record.NO);
        }
    }

    public static class Suite01TestCase extends SuiteClass {}

    public static class Suite02TestCase extends SuiteClass {}

    public static class Suite03TestCase extends SuiteClass {}

    public static class Suite04TestCase extends SuiteClass {}

    public static class Suite05TestCase extends SuiteClass {}

    public static class Suite06TestCase extends SuiteClass {}

    public static class Suite07TestCase extends SuiteClass {}

    public static class Suite08TestCase extends SuiteClass {}

    public static class Suite09TestCase extends SuiteClass {}

    public static class Suite10TestCase extends SuiteClass {}

    public static class Suite11TestCase extends SuiteClass {}

    public static class Suite12TestCase extends SuiteClass {}

    public static class Suite13TestCase extends SuiteClass {}

    public static class Suite14TestCase extends SuiteClass {}

    public static class Suite15TestCase extends SuiteClass {}

    public static class Suite16TestCase extends SuiteClass {}

    public static class Suite17TestCase extends SuiteClass {}

    public static class Suite18TestCase extends SuiteClass {}

    public static class Suite19TestCase extends SuiteClass {}

    public static class Suite20TestCase extends SuiteClass {}

    public static class Suite21TestCase extends SuiteClass {}

    public static class Suite22TestCase extends SuiteClass {}

    public static class Suite23TestCase extends SuiteClass {}

    public static class Suite24TestCase extends SuiteClass {}

    private static final List<Class<?>> SUITE = List.of(Suite01TestCase.class, Suite02TestCase.class, Suite03TestCase.class, Suite04TestCase.class, Suite05TestCase.class, Suite06TestCase.class, Suite07TestCase.class, Suite08TestCase.class, Suite09TestCase.class, Suite10TestCase.class, Suite11TestCase.class, Suite12TestCase.class, Suite13TestCase.class, Suite14TestCase.class, Suite15TestCase.class, Suite16TestCase.class, Suite17TestCase.class, Suite18TestCase.class, Suite19TestCase.class, Suite20TestCase.class, Suite21TestCase.class, Suite22TestCase.class, Suite23TestCase.class, Suite24TestCase.class);

    public static void main(String[] args) {
        String board = System.getProperty("belay.port", "virtual:micropython");
        long one = Long.MAX_VALUE;
        long three = Long.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            one = Math.min(one, run(board));
            three = Math.min(three, run(String.join(";", Collections.nCopies(3, board))));
        }
        System.out.printf(Locale.ROOT, "24 classes x 3 tests of 100 ms on the board, parallel classes: pool of 1 "
                + "board %.1f s, pool of 3 boards %.1f s (%.2fx), best of 2, starting the boards included%n",
                one / 1e9, three / 1e9, (double) one / three);
    }

    private static long run(String port) {
        DiscoverySelector[] selectors = SUITE.stream().map(testClass -> selectClass(testClass))
                .toArray(DiscoverySelector[]::new);
        long start = System.nanoTime();
        EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("belay.port", port,
                        "belay.output", "none",
                        "junit.jupiter.execution.parallel.enabled", "true",
                        "junit.jupiter.execution.parallel.mode.default", "same_thread",
                        "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                        "junit.jupiter.execution.parallel.config.strategy", "fixed",
                        "junit.jupiter.execution.parallel.config.fixed.parallelism", "3"))
                .selectors(selectors).execute().testEvents().assertStatistics(stats -> stats.succeeded(72).failed(0));
        return System.nanoTime() - start;
    }
}
