package dev.belay.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.belay.AuthenticationException;
import dev.belay.BoardResetException;
import dev.belay.ConnectionException;
import dev.belay.Device;
import dev.belay.Record;
import dev.belay.virtual.VirtualBoard;
import dev.belay.virtual.VirtualBoards;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The extension, run in the engine as a user's suite would run it. Fixtures are nested: surefire leaves them out. */
class BelayExtensionTests {

    private static final String BOARD = "virtual:micropython";

    private static EngineExecutionResults run(Class<?> testCase, Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameters(configuration)
                .selectors(selectClass(testCase))
                .execute();
    }

    private static Events tests(Class<?> testCase, Map<String, String> configuration) {
        return run(testCase, configuration).testEvents();
    }

    // --- resolution in every position

    static final List<Device> seen = new CopyOnWriteArrayList<>();

    @ExtendWith(BelayExtension.class)
    static class EveryPositionTestCase {
        EveryPositionTestCase(@BelayDevice Device device) {
            seen.add(device);
        }

        @BeforeAll
        static void beforeAll(@BelayDevice Device device) {
            seen.add(device);
        }

        @BeforeEach
        void beforeEach(@BelayDevice Device device) {
            seen.add(device);
        }

        @Test
        void test(@BelayDevice Device device) {
            seen.add(device);
            assertThat(device.eval("1 + 1")).isEqualTo(2L);
        }

        @AfterEach
        void afterEach(@BelayDevice Device device) {
            seen.add(device);
        }

        @AfterAll
        static void afterAll(@BelayDevice Device device) {
            seen.add(device);
        }
    }

    @Test
    void aDeviceIsResolvedInEveryPositionAndIsOneConnection() {
        seen.clear();
        tests(EveryPositionTestCase.class, Map.of("belay.port", BOARD)).assertStatistics(s -> s.succeeded(1).failed(0));
        assertThat(seen).hasSize(6);
        assertThat(seen).allSatisfy(device -> assertThat(device).isSameAs(seen.get(0)));
    }

    @Test
    void theConnectionIsClosedWhenTheRunEnds() {
        seen.clear();
        tests(EveryPositionTestCase.class, Map.of("belay.port", BOARD)).assertStatistics(s -> s.succeeded(1));
        assertThatThrownBy(() -> seen.get(0).eval("1")).isInstanceOf(IllegalStateException.class)
                .hasMessage("This device (" + BOARD + ") is closed; connect again.");
    }

    // --- configuration order

    static final List<String> platforms = new CopyOnWriteArrayList<>();

    @ExtendWith(BelayExtension.class)
    static class AnnotationPortTestCase {
        @Test
        void test(@BelayDevice(port = "virtual:microbit") Device device) {
            platforms.add(device.implementation().platform());
        }
    }

    @Test
    void thePortOfTheAnnotationWinsOverTheConfiguration() {
        platforms.clear();
        tests(AnnotationPortTestCase.class, Map.of("belay.port", BOARD)).assertStatistics(s -> s.succeeded(1));
        assertThat(platforms).containsExactly("microbit");
    }

    @ExtendWith(BelayExtension.class)
    static class NamedBoardTestCase {
        @Test
        void test(@BelayDevice("sensor") Device device) {
            platforms.add(device.implementation().platform());
        }
    }

    @Test
    void aNamedBoardReadsItsOwnKey() {
        platforms.clear();
        tests(NamedBoardTestCase.class, Map.of("belay.port", "virtual:microbit", "belay.sensor.port", BOARD))
                .assertStatistics(s -> s.succeeded(1));
        assertThat(platforms).containsExactly("webassembly");
    }

    // --- no board, unreachable board

    @ExtendWith(BelayExtension.class)
    static class NeedsABoardTestCase {
        @Test
        void test(@BelayDevice Device device) {
            device.exec("pass");
        }
    }

    @Test
    void withoutAConfiguredBoardTheTestIsSkippedNamingTheKeys() {
        tests(NeedsABoardTestCase.class, Map.of()).assertThatEvents().haveExactly(1, event(test("test"),
                skippedWithReason("No board is configured for @BelayDevice: set @BelayDevice(port = ...), "
                        + "-Dbelay.port=..., the environment variable BELAY_PORT, or belay.port in "
                        + "junit-platform.properties.")));
    }

    @Test
    void aConfiguredBoardThatCannotBeOpenedFailsTheTest() {
        tests(NeedsABoardTestCase.class, Map.of("belay.port", "/dev/ttyACM99")).assertThatEvents()
                .haveExactly(1, event(test("test"), finishedWithFailure(instanceOf(ConnectionException.class),
                        message("The board at /dev/ttyACM99 could not be opened: No serial port at /dev/ttyACM99: the "
                                + "file does not exist. Is the board plugged in? Its port may have another name "
                                + "(ls /dev/ttyACM* /dev/ttyUSB*)."))));
    }

    @ExtendWith(BelayExtension.class)
    static class SkipIfMissingTestCase {
        @Test
        void test(@BelayDevice(port = "/dev/ttyACM99", skipIfMissing = true) Device device) {
            device.exec("pass");
        }
    }

    @Test
    void skipIfMissingSkipsAnUnreachableBoard() {
        tests(SkipIfMissingTestCase.class, Map.of()).assertThatEvents().haveExactly(1, event(test("test"),
                skippedWithReason(reason -> reason.startsWith("The board at /dev/ttyACM99 could not be opened, and "
                        + "skipIfMissing is set: No serial port at /dev/ttyACM99"))));
    }

    // --- misuse and bad configuration

    @ExtendWith(BelayExtension.class)
    static class WrongTypeTestCase {
        @Test
        void test(@BelayDevice String port) {
        }
    }

    @Test
    void aBelayDeviceOfAnotherTypeIsRejectedWithTheFix() {
        tests(WrongTypeTestCase.class, Map.of("belay.port", BOARD)).assertThatEvents().haveExactly(1, event(test("test"),
                finishedWithFailure(instanceOf(ParameterResolutionException.class),
                        message("@BelayDevice is for parameters of type dev.belay.Device, but parameter 'arg0' of "
                                + "WrongTypeTestCase.test() is a java.lang.String. Declare it as Device."))));
    }

    @Test
    void anInvalidValueNamesTheKeyAndTheAcceptedValues() {
        tests(NeedsABoardTestCase.class, Map.of("belay.port", BOARD, "belay.attempts", "many")).assertThatEvents()
                .haveExactly(1, event(test("test"), finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                        message("The configuration parameter belay.attempts (or BELAY_ATTEMPTS) is 'many', but it must "
                                + "be an integer: 0 never reconnects, N tries N times, a negative number tries forever."))));
    }

    // --- between tests

    static final List<Object> observed = new CopyOnWriteArrayList<>();

    @ExtendWith(BelayExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ResetBetweenTestsTestCase {
        @Test
        @Order(1)
        void setsUpAndResetsTheBoard(@BelayDevice Device device) {
            device.exec("configured = 'yes'");
            device.exec("import machine");
            assertThatThrownBy(() -> device.exec("machine.reset()", Record.NO)).isInstanceOf(BoardResetException.class);
        }

        @Test
        @Order(2)
        void findsTheBoardRestored(@BelayDevice Device device) {
            observed.add(device.eval("configured"));
        }
    }

    @Test
    void aBoardResetInOneTestIsRestoredForTheNext() {
        observed.clear();
        tests(ResetBetweenTestsTestCase.class, Map.of("belay.port", BOARD)).assertStatistics(s -> s.succeeded(2));
        assertThat(observed).containsExactly("yes");
    }

    @Test
    void overWebReplTheBoardIsRestoredBetweenTestsWithThePasswordFromTheConfiguration() {
        observed.clear();
        try (VirtualBoard board = VirtualBoards.startWithWebRepl("hil-pw")) {
            tests(ResetBetweenTestsTestCase.class, Map.of("belay.port", board.webRepl().orElseThrow(),
                    "belay.password", "hil-pw")).assertStatistics(s -> s.succeeded(2));
        }
        assertThat(observed).containsExactly("yes");
    }

    @Test
    void aWrongWebReplPasswordFailsTheTestSayingItWasRefused() {
        try (VirtualBoard board = VirtualBoards.startWithWebRepl("hil-pw")) {
            tests(NeedsABoardTestCase.class, Map.of("belay.port", board.webRepl().orElseThrow(),
                    "belay.password", "guess")).assertThatEvents()
                    .haveExactly(1, event(test("test"), finishedWithFailure(instanceOf(ConnectionException.class),
                            cause(instanceOf(AuthenticationException.class)),
                            message(m -> m.contains("refused the WebREPL password") && !m.contains("guess")))));
        }
    }

    @ExtendWith(BelayExtension.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ResetBeforeEachTestCase {
        @BeforeAll
        static void setUp(@BelayDevice Device device) {
            device.exec("from_class = 1");
        }

        @Test
        @Order(1)
        void leavesGlobalsBehind(@BelayDevice(reset = BelayDevice.Reset.BEFORE_EACH) Device device) {
            device.exec("recorded = 1");
            device.exec("scratch = 2", Record.NO);
        }

        @Test
        @Order(2)
        void findsOnlyTheStateOfItsClass(@BelayDevice(reset = BelayDevice.Reset.BEFORE_EACH) Device device) {
            observed.add(device.eval("[n in globals() for n in ('from_class', 'recorded', 'scratch')]"));
        }
    }

    @Test
    void resetBeforeEachGivesEveryTestTheStateOfItsClassOnly() {
        observed.clear();
        tests(ResetBeforeEachTestCase.class, Map.of("belay.port", BOARD)).assertStatistics(s -> s.succeeded(2));
        assertThat(observed).containsExactly(List.of(true, false, false));
    }

    // --- transcripts

    @ExtendWith(BelayExtension.class)
    static class FailingTestCase {
        @Test
        void test(@BelayDevice Device device) {
            device.exec("print('the reading was', 17)");
            throw new AssertionError("the reading was wrong");
        }
    }

    @Test
    void aFailedTestGetsTheTranscriptOfWhatTheBoardSaid() {
        EngineExecutionResults results = run(FailingTestCase.class, Map.of("belay.port", BOARD));
        results.testEvents().assertStatistics(s -> s.failed(1));
        List<String> transcripts = results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(org.junit.platform.engine.reporting.ReportEntry.class))
                .flatMap(entry -> entry.getKeyValuePairs().entrySet().stream())
                .filter(pair -> pair.getKey().equals("belay.transcript"))
                .map(Map.Entry::getValue)
                .toList();
        assertThat(transcripts).singleElement().asString()
                .contains(">>> ").contains("print('the reading was', 17)").contains("<<< ").contains("the reading was 17");
    }

    // --- parallel tests on one board

    static final List<long[]> intervals = new CopyOnWriteArrayList<>();

    @ExtendWith(BelayExtension.class)
    static class ParallelTestCase {
        private static void occupy(Device device) {
            long start = System.nanoTime();
            device.exec("import time\ntime.sleep_ms(200)");
            intervals.add(new long[] {start, System.nanoTime()});
        }

        @Test
        void first(@BelayDevice Device device) {
            occupy(device);
        }

        @Test
        void second(@BelayDevice Device device) {
            occupy(device);
        }

        @Test
        void third(@BelayDevice Device device) {
            occupy(device);
        }
    }

    @Test
    void parallelTestsOnOneBoardNeverInterleave() {
        intervals.clear();
        tests(ParallelTestCase.class, Map.of("belay.port", BOARD, "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.mode.default", "concurrent")).assertStatistics(s -> s.succeeded(3));
        assertThat(intervals).hasSize(3);
        List<long[]> sorted = intervals.stream().sorted((a, b) -> Long.compare(a[0], b[0])).toList();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i)[0]).as("test %d starts after test %d ended", i, i - 1).isGreaterThanOrEqualTo(sorted.get(i - 1)[1]);
        }
    }
}
