package dev.belay.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.belay.Device;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The other JVM of {@link TwoRunsOnOneBoardTests}: one test run through the JUnit Platform, as a
 * Surefire fork or an {@code mvn} run makes it, of {@link HoldsTheBoardTestCase} with Belay's
 * extension, configured by system properties ({@code -Dbelay.port=...}). Its test holds the board
 * until a line arrives on standard input; once the run has ended the JVM stays until a second line,
 * so that the board must have been let go at the end of the run, not at the JVM's exit. Prints what
 * the run did and exits 0 when its one test passed, 3 otherwise.
 *
 * <pre>
 * java -cp CLASSPATH -Dbelay.port=/tmp/belay-micropython-1/tty -Dbelay.lockTimeout=PT1M \
 *     dev.belay.junit.BoardHoldingRun
 * </pre>
 */
public final class BoardHoldingRun {

    /** One reader for both lines, so that the second is not lost in the first one's buffer. */
    private static final BufferedReader IN = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    private BoardHoldingRun() {}

    public static void main(String[] args) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(HoldsTheBoardTestCase.class))
                .execute().testEvents();
        long succeeded = tests.succeeded().count();
        long failed = tests.failed().count() + tests.aborted().count() + tests.skipped().count();
        for (Event event : tests.list()) {
            event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                    .ifPresent(e -> System.out.println("failure: " + e));
            event.getPayload(String.class).ifPresent(reason -> System.out.println("skipped: " + reason));
        }
        System.out.println("run ended: " + succeeded + " succeeded, " + failed + " did not");
        awaitLine();
        System.exit(succeeded == 1 && failed == 0 ? 0 : 3);
    }

    private static void awaitLine() {
        try {
            IN.readLine(); // null, when the parent went away, lets go too
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Holds the board, making calls on it, until it is told to let go; prints the wall-clock interval. */
    @ExtendWith(BelayExtension.class)
    static class HoldsTheBoardTestCase {
        @Test
        void holdsTheBoardUntilTold(@BelayDevice Device device) {
            long start = System.currentTimeMillis();
            device.exec("import time\ntime.sleep_ms(50)\nheld = 1");
            System.out.println("holding the board");
            awaitLine();
            assertThat(device.eval("held + 41")).isEqualTo(42L);
            System.out.println("held the board from " + start + " to " + System.currentTimeMillis());
        }
    }
}
