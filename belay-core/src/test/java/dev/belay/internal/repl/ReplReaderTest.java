package dev.belay.internal.repl;

import dev.belay.transport.Deadline;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplReaderTest {

    private static String beforeMarker(String stream, String marker) {
        ScriptedBoard board = new ScriptedBoard().initially(stream);
        ReplReader reader = new ReplReader(board, new RestartDetector());
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        reader.readUntilMarker(marker.getBytes(StandardCharsets.ISO_8859_1), Deadline.after(Duration.ofSeconds(1)),
                "the marker", passed::write, () -> false);
        return passed.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void bytesBeforeTheMarkerArePassedAndTheMarkerIsNot() {
        assertThat(beforeMarker("hello\u001eMARKrest", "\u001eMARK")).isEqualTo("hello");
    }

    @Test
    void aFalseStartOfTheMarkerIsPassedOn() {
        assertThat(beforeMarker("a\u001eMAX\u001eMA\u001eMARK", "\u001eMARK")).isEqualTo("a\u001eMAX\u001eMA");
    }

    @Test
    void aMarkerOverlappingItselfIsFound() {
        assertThat(beforeMarker("xaaab", "aab")).isEqualTo("xa");
        assertThat(beforeMarker("abababc", "ababc")).isEqualTo("ab");
    }

    @Test
    void theFrameEndInsideUserOutputDoesNotEndTheSearch() {
        assertThat(beforeMarker("\u0004\u0004>fake\u001eMARK", "\u001eMARK")).isEqualTo("\u0004\u0004>fake");
    }

    @Test
    void aMissingMarkerTimesOutQuotingTheLastBytes() {
        ScriptedBoard board = new ScriptedBoard().initially("no marker here");
        ReplReader reader = new ReplReader(board, new RestartDetector());
        assertThatThrownBy(() -> reader.readUntilMarker("\u001eM".getBytes(StandardCharsets.ISO_8859_1),
                Deadline.after(Duration.ofMillis(50)), "the marker", (data, offset, length) -> {}, () -> false))
                .isInstanceOf(WaitTimedOut.class)
                .hasMessage("Timed out waiting for the marker; last bytes received: 'no marker here'");
    }
}
