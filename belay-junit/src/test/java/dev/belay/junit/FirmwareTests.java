package dev.belay.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.belay.Device;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** belay.firmware on virtual:micropython, which runs MicroPython 1.27.0 on the webassembly platform. */
class FirmwareTests {

    private static final String BOARD = "virtual:micropython";
    private static final String RUNS = "micropython 1.27.0 on webassembly (build 'v1.27.0 on 2025-12-10')";

    private static EngineExecutionResults run(Class<?> testCase, Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter").configurationParameters(configuration)
                .selectors(selectClass(testCase)).execute();
    }

    @ExtendWith(BelayExtension.class)
    static class NeedsABoardTestCase {
        @Test
        void first(@BelayDevice Device device) {
            device.exec("pass");
        }

        @Test
        void second(@BelayDevice Device device) {
            device.exec("pass");
        }
    }

    @Test
    void aMismatchFailsEveryTestNamingTheRequiredAndTheActualFirmware() {
        run(NeedsABoardTestCase.class, Map.of("belay.port", BOARD, "belay.firmware", ">=1.28,<2")).testEvents()
                .assertStatistics(s -> s.failed(2))
                .assertThatEvents().haveExactly(2, event(test(), finishedWithFailure(
                        instanceOf(FirmwareMismatchException.class),
                        message("The board 'default' (virtual:micropython) runs " + RUNS + ", but belay.firmware "
                                + "(JUnit configuration parameter belay.firmware) requires >=1.28,<2. Flash a firmware "
                                + "that matches, or change belay.firmware."))));
    }

    @Test
    void aMatchingRangeRunsTheTestsAndEachReportNamesTheFirmware() {
        EngineExecutionResults results = run(NeedsABoardTestCase.class,
                Map.of("belay.port", BOARD, "belay.firmware", ">=1.22"));
        results.testEvents().assertStatistics(s -> s.succeeded(2));
        List<String> firmware = results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("belay.firmware"))
                .filter(value -> value != null).toList();
        assertThat(firmware).containsExactly(RUNS, RUNS);
    }

    @Test
    void anExactVersionTextMatchesTheVersionTheBoardReports() {
        run(NeedsABoardTestCase.class, Map.of("belay.port", BOARD, "belay.firmware", "1.27.0")).testEvents()
                .assertStatistics(s -> s.succeeded(2));
    }

    @ExtendWith(BelayExtension.class)
    static class BeforeAllTestCase {
        @BeforeAll
        static void setUp(@BelayDevice Device device) {
            device.exec("pass");
        }

        @Test
        void test() {
        }
    }

    @Test
    void aMismatchFailsABeforeAllThatTakesTheBoard() {
        run(BeforeAllTestCase.class, Map.of("belay.port", BOARD, "belay.firmware", "<1.20")).containerEvents()
                .assertThatEvents().haveExactly(1, event(finishedWithFailure(cause(instanceOf(FirmwareMismatchException.class)),
                        message(m -> m.contains("runs " + RUNS + ", but belay.firmware") && m.contains("requires <1.20")))));
    }

    @ExtendWith(BelayExtension.class)
    static class SkipIfMissingTestCase {
        @Test
        void test(@BelayDevice(skipIfMissing = true) Device device) {
            device.exec("pass");
        }
    }

    @Test
    void withSkipIfMissingAMismatchSkipsNamingBothFirmwares() {
        run(SkipIfMissingTestCase.class, Map.of("belay.port", BOARD, "belay.firmware", "1.27")).testEvents()
                .assertThatEvents().haveExactly(1, event(test("test"), skippedWithReason("The board 'default' "
                        + "(virtual:micropython) runs " + RUNS + ", but belay.firmware (JUnit configuration parameter "
                        + "belay.firmware) requires exactly the version or build text '1.27' (to compare as a version, where "
                        + "1.27 is 1.27.0, write ==1.27). Flash a firmware that matches, or change belay.firmware. "
                        + "(skipIfMissing is set)")));
    }
}
