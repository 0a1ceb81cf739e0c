package dev.belay.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.belay.Device;
import dev.belay.ResetAction;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Where a board's connection string comes from: the annotation, then {@code -D}, then the
 * environment, then {@code junit-platform.properties}; and that the run says so. The losing
 * sources name a port that does not exist, so a test passes only if the winner was used.
 */
class BoardConfigurationTests {

    private static final String MISSING = "/dev/ttyACM99";

    static final Map<String, String> properties = new ConcurrentHashMap<>();
    static final Map<String, String> environment = new ConcurrentHashMap<>();
    static final List<String> log = new CopyOnWriteArrayList<>();

    static class ConfiguredTestCase {
        @RegisterExtension
        static final BelayExtension belay = new BelayExtension(new Sources(properties::get, environment, log::add));

        @Test
        void test(@BelayDevice Device device) {
            device.exec("pass");
        }
    }

    @BeforeEach
    void clear() {
        properties.clear();
        environment.clear();
        log.clear();
    }

    private static EngineExecutionResults run(Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter").configurationParameters(configuration)
                .selectors(selectClass(ConfiguredTestCase.class)).execute();
    }

    private static List<String> reportEntries(EngineExecutionResults results, String key) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get(key))
                .filter(value -> value != null)
                .toList();
    }

    @Test
    void theEnvironmentBeatsJunitPlatformProperties() {
        environment.put("BELAY_PORT", "virtual:micropython");
        EngineExecutionResults results = run(Map.of("belay.port", MISSING));
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(log).containsExactly("board 'default' = virtual:micropython (environment variable BELAY_PORT)");
        assertThat(reportEntries(results, "belay.board"))
                .containsExactly("virtual:micropython (environment variable BELAY_PORT)");
    }

    @Test
    void aSystemPropertyBeatsTheEnvironment() {
        properties.put("belay.port", "virtual:micropython");
        environment.put("BELAY_PORT", MISSING);
        EngineExecutionResults results = run(Map.of("belay.port", MISSING));
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(log).containsExactly("board 'default' = virtual:micropython (system property belay.port)");
        assertThat(reportEntries(results, "belay.board"))
                .containsExactly("virtual:micropython (system property belay.port)");
    }

    @Test
    void junitPlatformPropertiesAreUsedWhenNothingElseIsSet() {
        EngineExecutionResults results = run(Map.of("belay.port", "virtual:micropython"));
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(log).containsExactly("board 'default' = virtual:micropython (JUnit configuration parameter belay.port)");
    }

    @Test
    void aBoardThatCannotBeOpenedIsStillNamedWithItsSource() {
        environment.put("BELAY_PORT", MISSING);
        run(Map.of("belay.port", "virtual:micropython")).testEvents().assertStatistics(s -> s.failed(1));
        assertThat(log).containsExactly("board 'default' = /dev/ttyACM99 (environment variable BELAY_PORT)");
    }

    static class NamedTestCase {
        @RegisterExtension
        static final BelayExtension belay = new BelayExtension(new Sources(properties::get, environment, log::add));

        @Test
        void test(@BelayDevice("sensor") Device device) {
            device.exec("pass");
        }
    }

    @Test
    void aNamedBoardHasItsOwnVariableAndReportEntry() {
        environment.put("BELAY_SENSOR_PORT", "virtual:micropython");
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("belay.sensor.port", MISSING))
                .selectors(selectClass(NamedTestCase.class)).execute();
        results.testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(log).containsExactly("board 'sensor' = virtual:micropython (environment variable BELAY_SENSOR_PORT)");
        assertThat(reportEntries(results, "belay.board.sensor"))
                .containsExactly("virtual:micropython (environment variable BELAY_SENSOR_PORT)");
    }

    static class ResetActionTestCase {
        @RegisterExtension
        static final BelayExtension belay = new BelayExtension(new Sources(properties::get, environment, log::add));

        @Test
        void test(@BelayDevice("sensor") Device device) {
            assertThat(device.options().resetAction()).isEqualTo(ResetAction.command("uhubctl -a cycle -l 1-1 -p 2"));
        }
    }

    @Test
    void aBoardsResetActionComesFromItsOwnKey() {
        environment.put("BELAY_SENSOR_PORT", "virtual:micropython");
        environment.put("BELAY_RESET", "lines");
        EngineTestKit.engine("junit-jupiter")
                .configurationParameters(Map.of("belay.sensor.reset", "command:uhubctl -a cycle -l 1-1 -p 2"))
                .selectors(selectClass(ResetActionTestCase.class)).execute()
                .testEvents().assertStatistics(s -> s.succeeded(1));
    }

    @Test
    void anUnknownResetActionNamesTheKeyAndTheForms() {
        environment.put("BELAY_PORT", "virtual:micropython");
        environment.put("BELAY_RESET", "relay");
        run(Map.of()).testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(
                "The configuration parameter belay.reset (or BELAY_RESET) is 'relay', but it must be none, lines "
                        + "(pulse DTR and RTS, as esptool does) or command: followed by a shell command line that "
                        + "resets the board (e.g. command:uhubctl -a cycle -l 1-1 -p 2)."))));
    }

    @Test
    void camelCaseKeysBecomeSnakeCaseVariables() {
        environment.put("BELAY_PORT", "virtual:micropython");
        environment.put("BELAY_LOCK_TIMEOUT", "soon");
        run(Map.of()).testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(message(
                "The configuration parameter belay.lockTimeout (or BELAY_LOCK_TIMEOUT) is 'soon', but it must be a "
                        + "positive ISO-8601 duration such as PT30S, or milliseconds such as 30000."))));
    }
}
