package dev.belay.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** belay.shard=I/N: every class of the suite runs in exactly one of the N parts. */
class ShardTests {

    @Test
    void theNPartsPartitionAnySetOfClassNames() {
        List<String> names = IntStream.range(0, 500).mapToObj(i -> "com.example.suite" + (i % 7) + ".Class" + i + "Test").toList();
        for (int count = 1; count <= 6; count++) {
            for (String name : names) {
                int owners = 0;
                for (int index = 1; index <= count; index++) {
                    owners += new Shard(index, count).contains(name) ? 1 : 0;
                }
                assertThat(owners).as("%s in %d parts", name, count).isEqualTo(1);
            }
        }
    }

    @Test
    void aClassBelongsToTheSamePartInEveryRun() {
        // FNV-1a of the name is fixed by definition: a CI machine with another JVM computes the same.
        assertThat(Shard.of("com.example.ThermostatTest", 3)).isEqualTo(Shard.of("com.example.ThermostatTest", 3));
        assertThat(IntStream.rangeClosed(1, 3).filter(i -> new Shard(i, 3).contains("com.example.ThermostatTest")))
                .hasSize(1);
    }

    @Test
    void onlyIOverNWithIFromOneToNIsAShard() {
        assertThat(Shard.parseOrNull("2/3")).isEqualTo(new Shard(2, 3));
        assertThat(Shard.parseOrNull(" 1 / 1 ")).isEqualTo(new Shard(1, 1));
        for (String wrong : List.of("0/3", "4/3", "3", "1/0", "a/b", "1/2/3", "-1/3", "")) {
            assertThat(Shard.parseOrNull(wrong)).as(wrong).isNull();
        }
    }

    // --- in the engine

    static final Map<String, Set<String>> ranIn = new ConcurrentHashMap<>();

    private static void ran(String testClass, String shard) {
        ranIn.computeIfAbsent(testClass, key -> ConcurrentHashMap.newKeySet()).add(shard);
    }

    @ExtendWith(BelayExtension.class)
    static class AlphaTestCase {
        @Test
        void test() {
            ran(getClass().getSimpleName(), System.getProperty("shard.now"));
        }

        @Nested
        class InnerTestCase {
            @Test
            void test() {
                ran("inner of " + AlphaTestCase.this.getClass().getSimpleName(), System.getProperty("shard.now"));
            }
        }
    }

    @ExtendWith(BelayExtension.class)
    static class BetaTestCase extends AlphaTestCase {}

    @ExtendWith(BelayExtension.class)
    static class GammaTestCase extends AlphaTestCase {}

    @ExtendWith(BelayExtension.class)
    static class DeltaTestCase extends AlphaTestCase {}

    @ExtendWith(BelayExtension.class)
    static class EpsilonTestCase extends AlphaTestCase {}

    @ExtendWith(BelayExtension.class)
    static class ZetaTestCase extends AlphaTestCase {}

    private static final List<Class<?>> SUITE = List.of(AlphaTestCase.class, BetaTestCase.class, GammaTestCase.class,
            DeltaTestCase.class, EpsilonTestCase.class, ZetaTestCase.class);

    private static Events run(String shard) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        SUITE.forEach(testClass -> selectors.add(selectClass(testClass)));
        System.setProperty("shard.now", shard);
        try {
            return EngineTestKit.engine("junit-jupiter").configurationParameters(Map.of("belay.shard", shard))
                    .selectors(selectors.toArray(DiscoverySelector[]::new)).execute().allEvents();
        } finally {
            System.clearProperty("shard.now");
        }
    }

    @Test
    void threeRunsOfThreeShardsRunEveryClassAndItsNestedClassExactlyOnce() {
        ranIn.clear();
        Map<String, Events> runs = new HashMap<>();
        for (String shard : List.of("1/3", "2/3", "3/3")) {
            runs.put(shard, run(shard));
            runs.get(shard).assertStatistics(s -> s.failed(0));
        }
        assertThat(ranIn).hasSize(12);
        for (Class<?> testClass : SUITE) {
            int owner = Shard.of(testClass.getName(), 3);
            assertThat(ranIn.get(testClass.getSimpleName())).containsExactly(owner + "/3");
            assertThat(ranIn.get("inner of " + testClass.getSimpleName())).containsExactly(owner + "/3");
            String other = (owner % 3 + 1) + "/3";
            runs.get(other).assertThatEvents().haveExactly(1, event(container(testClass.getSimpleName()),
                    skippedWithReason(testClass.getSimpleName() + " belongs to shard " + owner + "/3, and this run is "
                            + "shard " + other + " (JUnit configuration parameter belay.shard).")));
        }
    }

    @Test
    void aShardOutsideOneToNFailsNamingTheForm() {
        run("4/3").assertThatEvents().haveAtLeastOne(event(finishedWithFailure(
                cause(instanceOf(ExtensionConfigurationException.class)),
                message(m -> m.contains("The configuration parameter belay.shard (or BELAY_SHARD) is '4/3', but it must "
                        + "be I/N with 1 <= I <= N, such as 2/3 for the second of three parts.")))));
    }
}
