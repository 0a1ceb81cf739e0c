package dev.belay.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.belay.Device;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * A failure carries what the board said as a suppressed {@link BoardTranscript}, so that every
 * runner's report shows it. (That Surefire's reports do is proven by the project in src/it.)
 */
class TranscriptOnFailureTests {

    private static final Map<String, String> BOARD = Map.of("belay.port", "virtual:micropython");

    private static List<String> transcripts(Class<?> testCase) {
        List<Event> failed = EngineTestKit.engine("junit-jupiter").configurationParameters(BOARD)
                .selectors(selectClass(testCase)).execute().allEvents().failed().list();
        assertThat(failed).hasSize(1);
        Throwable failure = failed.get(0).getRequiredPayload(org.junit.platform.engine.TestExecutionResult.class)
                .getThrowable().orElseThrow();
        return Arrays.stream(failure.getSuppressed()).filter(BoardTranscript.class::isInstance)
                .map(Throwable::getMessage).toList();
    }

    @Test
    void aFailedTestCarriesTheTranscriptOfItsBoard() {
        assertThat(transcripts(BelayExtensionTests.FailingTestCase.class)).singleElement().asString()
                .startsWith("board 'default' (virtual:micropython):\n>>> ")
                .contains(">>> ").contains("print('the reading was', 17)").contains("<<< ").contains("the reading was 17");
    }

    @ExtendWith(BelayExtension.class)
    static class ChattyTestCase {
        @Test
        void test(@BelayDevice Device device) {
            device.exec("for i in range(400):\n    print('line', i)");
            throw new AssertionError("too much");
        }
    }

    @Test
    void aLongTranscriptIsCutToItsLastPartSayingHowMuchWasLeftOut() {
        String transcript = transcripts(ChattyTestCase.class).get(0);
        assertThat(transcript).matches("(?s)board 'default' \\(virtual:micropython\\), the last 4096 of (\\d+) "
                + "characters \\(\\d+ left out\\):\n.*");
        assertThat(transcript).contains("line 399").doesNotContain("line 0\\");
        assertThat(transcript.substring(transcript.indexOf('\n') + 1)).hasSize(4096);
    }

    @ExtendWith(BelayExtension.class)
    static class OddBytesTestCase {
        @Test
        void test(@BelayDevice Device device) {
            device.exec("import sys\nsys.stdout.buffer.write(b'[\\x80\\x7f\\x01]')");
            throw new AssertionError("odd bytes");
        }
    }

    @Test
    void bytesThatAreNotPrintableAreShownAsEscapes() {
        assertThat(transcripts(OddBytesTestCase.class).get(0)).contains("\\x04[\\x80\\x7f\\x01]\\x04").doesNotContain("\uFFFD");
    }

    @ExtendWith(BelayExtension.class)
    static class FailingBeforeAllTestCase {
        @BeforeAll
        static void setUp(@BelayDevice Device device) {
            device.exec("print('setting up')");
            throw new IllegalStateException("the set-up failed");
        }

        @Test
        void test() {
        }
    }

    @Test
    void aFailedBeforeAllCarriesTheTranscriptToo() {
        assertThat(transcripts(FailingBeforeAllTestCase.class)).singleElement().asString()
                .contains("print('setting up')").contains("setting up\\x0d\\n");
    }
}
