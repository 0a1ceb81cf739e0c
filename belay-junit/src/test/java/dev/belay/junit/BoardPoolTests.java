package dev.belay.junit;

import dev.belay.BoardBusyException;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.belay.ConnectionException;
import dev.belay.Device;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * A pool of boards (belay.port listing several connection strings): each test class leases one for
 * its whole life, classes run on different boards at once, and each board keeps its own history.
 */
class BoardPoolTests {

    private static final String TWO_BOARDS = "virtual:micropython;virtual:micropython";

    private static EngineExecutionResults run(Map<String, String> extra, Class<?>... testCases) {
        Map<String, String> configuration = new HashMap<>(Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "same_thread",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "3"));
        configuration.putAll(extra);
        DiscoverySelector[] selectors = List.of(testCases).stream().map(c -> selectClass(c)).toArray(DiscoverySelector[]::new);
        return EngineTestKit.engine("junit-jupiter").configurationParameters(configuration).selectors(selectors).execute();
    }

    /** The belay.board entry of each test, by its class's simple name. */
    private static Map<String, Set<String>> boardsByClass(EngineExecutionResults results) {
        Map<String, Set<String>> boards = new ConcurrentHashMap<>();
        for (Event event : results.allEvents().reportingEntryPublished().list()) {
            String board = event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("belay.board");
            if (board != null) {
                String testClass = event.getTestDescriptor().getUniqueId().getSegments().stream()
                        .filter(s -> s.getType().equals("class") || s.getType().equals("nested-class"))
                        .map(s -> s.getValue().replaceAll(".*\\$", "")).collect(Collectors.joining("/"));
                boards.computeIfAbsent(testClass, key -> ConcurrentHashMap.newKeySet()).add(board);
            }
        }
        return boards;
    }

    // --- two classes at once, each on a board of its own, with its own history

    static final CountDownLatch bothRunning = new CountDownLatch(2);
    static final Map<String, Object> seen = new ConcurrentHashMap<>();

    @ExtendWith(BelayExtension.class)
    static class LeftTestCase {
        @BeforeAll
        static void claim(@BelayDevice Device device) {
            device.exec("owner = 'left'");
        }

        @Test
        void waitsForTheOtherClass(@BelayDevice Device device) throws InterruptedException {
            bothRunning.countDown();
            // Holding its board: only a board of its own lets the other class reach this point too.
            seen.put("left met right", bothRunning.await(60, TimeUnit.SECONDS));
            seen.put("left owner", device.eval("owner"));
        }

        @Nested
        class InnerTestCase {
            @Test
            void stillSeesItsOuterClassState(@BelayDevice Device device) {
                seen.put("left inner owner", device.eval("owner"));
            }
        }
    }

    @ExtendWith(BelayExtension.class)
    static class RightTestCase {
        @BeforeAll
        static void claim(@BelayDevice Device device) {
            device.exec("owner = 'right'");
        }

        @Test
        void waitsForTheOtherClass(@BelayDevice Device device) throws InterruptedException {
            bothRunning.countDown();
            seen.put("right met left", bothRunning.await(60, TimeUnit.SECONDS));
            seen.put("right owner", device.eval("owner"));
        }

        @Test
        void sharesItsBoardWithItsOwnTests(@BelayDevice Device device) {
            seen.put("right second owner", device.eval("owner"));
        }
    }

    @Test
    void twoClassesRunAtOnceEachOnABoardOfItsOwnWithItsOwnHistory() {
        seen.clear();
        EngineExecutionResults results = run(Map.of("belay.port", TWO_BOARDS), LeftTestCase.class, RightTestCase.class);
        results.testEvents().assertStatistics(s -> s.succeeded(4).failed(0));
        assertThat(seen).containsEntry("left met right", true).containsEntry("right met left", true)
                .containsEntry("left owner", "left").containsEntry("right owner", "right")
                .containsEntry("left inner owner", "left").containsEntry("right second owner", "right");
        Map<String, Set<String>> boards = boardsByClass(results);
        assertThat(boards.get("LeftTestCase")).hasSize(1);
        assertThat(boards.get("LeftTestCase/InnerTestCase")).isEqualTo(boards.get("LeftTestCase"));
        assertThat(boards.get("RightTestCase")).hasSize(1);
        assertThat(List.of(boards.get("LeftTestCase").iterator().next(), boards.get("RightTestCase").iterator().next()))
                .containsExactlyInAnyOrder(
                        "virtual:micropython (board 1 of 2 in JUnit configuration parameter belay.port)",
                        "virtual:micropython (board 2 of 2 in JUnit configuration parameter belay.port)");
    }

    // --- a class waits for a free board up to belay.lockTimeout

    static final CountDownLatch oneGaveUp = new CountDownLatch(1);

    /** Holds its board until another class has given up waiting for one. */
    @ExtendWith(BelayExtension.class)
    static class HolderTestCase {
        @Test
        void holdsTheBoard(@BelayDevice Device device) throws InterruptedException {
            device.exec("pass");
            assertThat(oneGaveUp.await(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Counts a class down as given up when its test failed: the failure is the lease timeout. */
    static final class GaveUp implements AfterEachCallback {
        @Override
        public void afterEach(ExtensionContext context) {
            if (context.getExecutionException().isPresent()) {
                oneGaveUp.countDown();
            }
        }
    }

    private static final Pattern LEASE_TIMEOUT = Pattern.compile("Waited PT0\\.5S for a free board of 'default' \\(2 "
            + "boards, JUnit configuration parameter belay\\.port\\), but every one is leased to a test class: "
            + "'default' 1/2 \\(virtual:micropython\\) to 'BoardPoolTests\\$\\w+TestCase' \\(\\[engine:junit-jupiter\\]/\\[class:dev\\.belay"
            + "\\.junit\\.BoardPoolTests\\$\\w+TestCase\\]\\), 'default' 2/2 \\(virtual:micropython\\) to 'BoardPoolTests\\$\\w+TestCase' "
            + "\\(\\[engine:junit-jupiter\\]/\\[class:dev\\.belay\\.junit\\.BoardPoolTests\\$\\w+TestCase\\]\\)\\. If those "
            + "classes legitimately take this long, allow more time with belay\\.lockTimeout or add boards to the "
            + "pool; otherwise one is stuck\\.");

    @Test
    void aClassThatFindsNoFreeBoardWithinTheLockTimeoutFailsNamingWhoLeasesThem() {
        EngineExecutionResults results = run(Map.of("belay.port", TWO_BOARDS, "belay.lockTimeout", "PT0.5S"),
                GaveUpHolderTestCase.class, GaveUpOtherHolderTestCase.class, GaveUpThirdHolderTestCase.class);
        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(BoardBusyException.class), message(m -> LEASE_TIMEOUT.matcher(m).matches()))));
    }

    @ExtendWith(GaveUp.class)
    static class GaveUpHolderTestCase extends HolderTestCase {}

    @ExtendWith(GaveUp.class)
    static class GaveUpOtherHolderTestCase extends HolderTestCase {}

    @ExtendWith(GaveUp.class)
    static class GaveUpThirdHolderTestCase extends HolderTestCase {}

    // --- a board that cannot be opened fails the class that got it, and the others run on the rest

    @ExtendWith(BelayExtension.class)
    static class FirstTestCase {
        @Test
        void test(@BelayDevice Device device) {
            device.exec("pass");
        }
    }

    static class SecondTestCase extends FirstTestCase {}

    static class ThirdTestCase extends FirstTestCase {}

    @Test
    void aBoardThatCannotBeOpenedFailsOneClassAndTheOthersRunOnTheRestOfThePool() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("belay.port", "/dev/ttyACM99;virtual:micropython"))
                .selectors(selectClass(FirstTestCase.class), selectClass(SecondTestCase.class),
                        selectClass(ThirdTestCase.class)).execute();
        results.testEvents().assertStatistics(s -> s.succeeded(2).failed(1));
        results.testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                instanceOf(ConnectionException.class), message(m -> m.startsWith("The board at /dev/ttyACM99 "
                        + "could not be opened")))));
        assertThat(boardsByClass(results).values()).allSatisfy(boards -> assertThat(boards).containsExactly(
                "virtual:micropython (board 2 of 2 in JUnit configuration parameter belay.port)"));
    }

    // --- a class that follows another on a board of the pool starts from the state of the run

    @ExtendWith(BelayExtension.class)
    static class A1LeavesStateTestCase {
        @BeforeAll
        static void record(@BelayDevice Device device) {
            device.exec("leftover = 1");
        }

        @Test
        void test(@BelayDevice Device device) {
            seen.put("first sees its own state", device.eval("'leftover' in globals()"));
        }
    }

    @ExtendWith(BelayExtension.class)
    static class A2FollowsTestCase {
        @Test
        void test(@BelayDevice Device device) {
            seen.put("follower sees the state of the class before", device.eval("'leftover' in globals()"));
        }
    }

    @Test
    void aClassScopeClosesOnItsBoardSoTheNextClassThereStartsFromTheRun() {
        seen.clear();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("belay.port", TWO_BOARDS,
                        "junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$ClassName"))
                .selectors(selectClass(A1LeavesStateTestCase.class), selectClass(A2FollowsTestCase.class)).execute();
        results.testEvents().assertStatistics(s -> s.succeeded(2));
        Map<String, Set<String>> boards = boardsByClass(results);
        assertThat(boards.get("A2FollowsTestCase")).as("one after the other, both on the first free board")
                .isEqualTo(boards.get("A1LeavesStateTestCase"));
        assertThat(seen).containsEntry("first sees its own state", true)
                .containsEntry("follower sees the state of the class before", false);
    }

    // --- printed lines say which board of the pool printed them

    @ExtendWith(BelayExtension.class)
    static class PrintingTestCase {
        @Test
        void test(@BelayDevice Device device) {
            device.exec("print('hello from a pool')");
        }
    }

    @Test
    void withOutputToStdoutEachLineNamesTheBoardOfThePoolThatPrintedIt() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, UTF_8));
        try {
            EngineTestKit.engine("junit-jupiter")
                    .configurationParameters(Map.of("belay.port", TWO_BOARDS, "belay.output", "stdout"))
                    .selectors(selectClass(PrintingTestCase.class)).execute().testEvents()
                    .assertStatistics(s -> s.succeeded(1));
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(UTF_8)).contains("[default 1/2] hello from a pool");
    }
}
