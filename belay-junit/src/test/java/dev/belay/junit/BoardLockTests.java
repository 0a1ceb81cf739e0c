package dev.belay.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.belay.BoardBusyException;
import dev.belay.Device;
import dev.belay.Record;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Tests and lifecycle methods on one board, run in parallel, take turns; a waiter gives up at its deadline. */
class BoardLockTests {

    private static Events run(Map<String, String> extra, DiscoverySelector... selectors) {
        Map<String, String> configuration = new HashMap<>(Map.of("belay.port", "virtual:micropython",
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent",
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "2"));
        configuration.putAll(extra);
        return EngineTestKit.engine("junit-jupiter").configurationParameters(configuration).selectors(selectors)
                .execute().allEvents();
    }

    // --- a waiter gives up, naming the holder

    static final CountDownLatch someoneGaveUp = new CountDownLatch(1);

    /** Lets the test holding the board go once the other one has given up waiting for it. */
    static final class GiveUpSignal implements AfterEachCallback {
        @Override
        public void afterEach(ExtensionContext context) {
            if (context.getExecutionException().isPresent()) {
                someoneGaveUp.countDown();
            }
        }
    }

    @ExtendWith(BelayExtension.class)
    @ExtendWith(GiveUpSignal.class)
    static class TwoHoldersTestCase {
        @Test
        void first(@BelayDevice Device device) throws InterruptedException {
            device.exec("pass");
            assertThat(someoneGaveUp.await(30, TimeUnit.SECONDS)).isTrue();
        }

        @Test
        void second(@BelayDevice Device device) throws InterruptedException {
            device.exec("pass");
            assertThat(someoneGaveUp.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aTestThatWaitsPastTheLockTimeoutFailsNamingTheHolder() {
        Events events = run(Map.of("belay.lockTimeout", "PT0.3S"), selectClass(TwoHoldersTestCase.class));
        events.assertStatistics(s -> s.succeeded(3).failed(1)); // the engine, the class and one test succeeded
        Event failed = events.failed().list().get(0);
        String holder = failed.getTestDescriptor().getDisplayName().equals("first(Device)") ? "second" : "first";
        String holderId = "[engine:junit-jupiter]/[class:dev.belay.junit.BoardLockTests$TwoHoldersTestCase]/[method:"
                + holder + "(dev.belay.Device)]";
        events.assertThatEvents().haveExactly(1, event(finishedSuccessfully(), displayName(holder + "(Device)")));
        events.assertThatEvents().haveExactly(1, event(finishedWithFailure(instanceOf(BoardBusyException.class),
                message("Waited PT0.3S for the board 'default' (virtual:micropython), but '" + holder + "(Device)' (" + holderId
                        + ") still holds it. If that test legitimately takes this long, allow more time with "
                        + "belay.lockTimeout; otherwise it is stuck."))));
    }

    // --- @BeforeAll and @AfterAll hold the board too

    static final List<long[]> intervals = new CopyOnWriteArrayList<>();

    /** Three calls: the device serves one call at a time, but only the extension keeps a user's calls together. */
    private static void occupy(Device device) {
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            device.exec("import time\ntime.sleep_ms(100)", Record.NO);
        }
        intervals.add(new long[] {start, System.nanoTime()});
    }

    @ExtendWith(BelayExtension.class)
    static class LifecycleTestCase {
        @BeforeAll
        static void beforeAll(@BelayDevice Device device) {
            occupy(device);
        }

        @Test
        void test() {
        }

        @AfterAll
        static void afterAll(@BelayDevice Device device) {
            occupy(device);
        }
    }

    @ExtendWith(BelayExtension.class)
    static class OtherTestCase {
        @Test
        void first(@BelayDevice Device device) {
            occupy(device);
        }

        @Test
        void second(@BelayDevice Device device) {
            occupy(device);
        }
    }

    @Test
    void beforeAllAndAfterAllNeverInterleaveWithTestsOfAnotherClass() {
        intervals.clear();
        run(Map.of(), selectClass(LifecycleTestCase.class), selectClass(OtherTestCase.class))
                .assertStatistics(s -> s.failed(0));
        assertThat(intervals).hasSize(4);
        List<long[]> sorted = intervals.stream().sorted((a, b) -> Long.compare(a[0], b[0])).toList();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i)[0]).as("use %d starts after use %d ended", i, i - 1)
                    .isGreaterThanOrEqualTo(sorted.get(i - 1)[1]);
        }
    }
}
