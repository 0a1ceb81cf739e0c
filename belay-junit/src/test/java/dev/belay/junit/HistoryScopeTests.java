package dev.belay.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;

import dev.belay.Device;
import dev.belay.Record;
import dev.belay.ReplayFailedException;
import dev.belay.junit.BelayDevice.Reset;
import dev.belay.virtual.BoardKind;
import dev.belay.virtual.VirtualBoard;
import dev.belay.virtual.VirtualBoards;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * History scoped like JUnit: what a class records leaves the history when the class ends, a
 * {@code Reset.BEFORE_EACH} test starts from its class's state, and a suite passes in any class
 * order on both software boards.
 */
class HistoryScopeTests {

    /** The board the fixtures run on, started by each test so that a fixture can reset it. */
    static VirtualBoard board;
    /** The history's size as each class began, and at the end of the run. */
    static final List<Integer> historyAtClassStart = new CopyOnWriteArrayList<>();

    // --- the suite: three classes that each leave something behind

    @ExtendWith(BelayExtension.class)
    static class SyncsATempDirTestCase {
        @TempDir
        static Path folder;

        @BeforeAll
        static void putTheModuleOnTheBoard(@BelayDevice Device device) throws IOException {
            historyAtClassStart.add(device.history().size());
            Files.writeString(folder.resolve("scoped_helper.py"), "VALUE = 7\n");
            device.sync(folder);
            device.exec("import scoped_helper");
        }

        @Test
        void usesTheSyncedModule(@BelayDevice Device device) {
            assertThat(device.eval("scoped_helper.VALUE")).isEqualTo(7L);
        }
    }

    @ExtendWith(BelayExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ResetBeforeEachTestCase {
        static final List<Integer> historyInTests = new CopyOnWriteArrayList<>();

        @BeforeAll
        static void setUp(@BelayDevice Device device) {
            historyAtClassStart.add(device.history().size());
            device.exec("base = 10");
        }

        @BeforeEach
        void startCounting(@BelayDevice(reset = Reset.BEFORE_EACH) Device device) {
            device.exec("counter = base");
        }

        @RepeatedTest(3)
        @Order(1)
        void countsFromTheClassState(@BelayDevice(reset = Reset.BEFORE_EACH) Device device) {
            device.exec("counter += 1");
            device.exec("leftover = counter");
            assertThat(device.eval("counter")).isEqualTo(11L);
            historyInTests.add(device.history().size());
        }

        @Test
        @Order(2)
        void findsNothingAnEarlierTestLeft(@BelayDevice(reset = Reset.BEFORE_EACH) Device device) {
            assertThat(device.eval("'leftover' in globals()")).isEqualTo(false);
        }

        @AfterAll
        static void theHistoryDidNotGrowFromTestToTest() {
            assertThat(historyInTests).hasSize(3).containsOnly(historyInTests.get(0));
        }
    }

    @ExtendWith(BelayExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class HardResetTestCase {
        @BeforeAll
        static void setUp(@BelayDevice Device device) {
            historyAtClassStart.add(device.history().size());
            device.exec("state = 'ready'");
        }

        @Test
        @Order(1)
        void resetsTheBoardInTheMiddle(@BelayDevice Device device) {
            device.exec("touched = 1");
            board.hardReset();
        }

        @Test
        @Order(2)
        void findsItsClassStateRestored(@BelayDevice Device device) {
            assertThat(device.eval("(state, touched)")).isEqualTo(List.of("ready", 1L));
        }
    }

    /** Runs last: the history as the suite's classes left it. */
    @ExtendWith(BelayExtension.class)
    static class ProbeTestCase {
        @BeforeAll
        static void look(@BelayDevice Device device) {
            historyAtClassStart.add(device.history().size());
        }

        @Test
        void test() {
        }
    }

    /** Orders the classes as {@link #order} says. */
    public static final class GivenOrder implements ClassOrderer {
        static volatile List<Class<?>> order = List.of();

        @Override
        public void orderClasses(ClassOrdererContext context) {
            context.getClassDescriptors().sort(Comparator.comparingInt((ClassDescriptor d) -> order.indexOf(d.getTestClass())));
        }
    }

    static Stream<Arguments> ordersOnBothBoards() {
        List<Class<?>> classes = List.of(SyncsATempDirTestCase.class, ResetBeforeEachTestCase.class, HardResetTestCase.class);
        List<Arguments> runs = new ArrayList<>();
        for (BoardKind kind : List.of(BoardKind.MICROPYTHON, BoardKind.MICROBIT)) {
            for (List<Class<?>> order : permutations(classes)) {
                runs.add(Arguments.of(kind, order));
            }
        }
        return runs.stream();
    }

    private static List<List<Class<?>>> permutations(List<Class<?>> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<Class<?>>> all = new ArrayList<>();
        for (Class<?> first : items) {
            List<Class<?>> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<Class<?>> tail : permutations(rest)) {
                List<Class<?>> order = new ArrayList<>(List.of(first));
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("ordersOnBothBoards")
    void aSuiteOfClassesThatEachLeaveStateBehindPassesInAnyOrder(BoardKind kind, List<Class<?>> order) {
        historyAtClassStart.clear();
        ResetBeforeEachTestCase.historyInTests.clear();
        List<Class<?>> run = new ArrayList<>(order);
        run.add(ProbeTestCase.class);
        GivenOrder.order = run;
        try (VirtualBoard started = VirtualBoards.start(kind)) {
            board = started;
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameters(Map.of("belay.port", started.port().toString(),
                            "junit.jupiter.testclass.order.default", GivenOrder.class.getName()))
                    .selectors(run.stream().map(c -> selectClass(c)).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                    .execute();
            assertThat(results.allEvents().failed().stream().map(HistoryScopeTests::describe)).isEmpty();
            results.testEvents().assertStatistics(s -> s.succeeded(1 + 4 + 2 + 1).failed(0).skipped(0).aborted(0));
        }
        assertThat(historyAtClassStart).as("the history's size as each class began").hasSize(4)
                .containsOnly(historyAtClassStart.get(0));
    }

    private static String describe(org.junit.platform.testkit.engine.Event failed) {
        java.io.StringWriter trace = new java.io.StringWriter();
        failed.getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class).getThrowable()
                .ifPresent(t -> t.printStackTrace(new java.io.PrintWriter(trace)));
        return failed.getTestDescriptor().getDisplayName() + ": " + trace;
    }

    // --- a restore that fails

    static Path syncedFolder;
    static final List<String> ran = new CopyOnWriteArrayList<>();

    /** Puts the synced folder back once a test has failed for its loss. */
    static final class PutTheFolderBack implements AfterEachCallback {
        @Override
        public void afterEach(ExtensionContext context) throws IOException {
            if (context.getExecutionException().isPresent()) {
                Files.createDirectories(syncedFolder);
                Files.writeString(syncedFolder.resolve("restorable.py"), "VALUE = 3\n");
            }
        }
    }

    @ExtendWith(BelayExtension.class)
    @ExtendWith(PutTheFolderBack.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class FailedRestoreTestCase {
        @BeforeAll
        static void setUp(@BelayDevice Device device) throws IOException {
            Files.createDirectories(syncedFolder);
            Files.writeString(syncedFolder.resolve("restorable.py"), "VALUE = 3\n");
            device.sync(syncedFolder);
            device.exec("import restorable");
            device.exec("after_sync = restorable.VALUE");
        }

        @Test
        @Order(1)
        void losesTheSyncedFolder(@BelayDevice(reset = Reset.BEFORE_EACH) Device device) throws IOException {
            ran.add("losesTheSyncedFolder");
            device.exec("import os\nos.remove('restorable.py')", Record.NO);
            Files.delete(syncedFolder.resolve("restorable.py"));
            Files.delete(syncedFolder);
        }

        @Test
        @Order(2)
        void cannotBeRestored(@BelayDevice(reset = Reset.BEFORE_EACH) Device device) {
            ran.add("cannotBeRestored");
        }

        @Test
        @Order(3)
        void isRestoredOnceTheFolderIsBack(@BelayDevice(reset = Reset.BEFORE_EACH) Device device) {
            ran.add("isRestoredOnceTheFolderIsBack");
            assertThat(device.eval("after_sync")).isEqualTo(3L);
        }
    }

    @Test
    void aTestWhoseRestoreFailsFailsWithTheCauseAndTheNextTestTriesAgain(@TempDir Path temp) {
        syncedFolder = temp.resolve("board");
        ran.clear();
        Events tests = EngineTestKit.engine("junit-jupiter").configurationParameters(Map.of("belay.port", "virtual:micropython"))
                .selectors(selectClass(FailedRestoreTestCase.class)).execute().testEvents();
        tests.assertThatEvents()
                .haveExactly(1, event(test("losesTheSyncedFolder"), finishedSuccessfully()))
                .haveExactly(1, event(test("cannotBeRestored"), finishedWithFailure(instanceOf(ReplayFailedException.class))))
                .haveExactly(1, event(test("isRestoredOnceTheFolderIsBack"), finishedSuccessfully()));
        assertThat(ran).containsExactly("losesTheSyncedFolder", "isRestoredOnceTheFolderIsBack");
    }
}
