package dev.belay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputLinesTest {

    private final List<String> lines = new ArrayList<>();
    private final OutputLines output = new OutputLines(lines::add);

    private void arrive(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        output.output(bytes, 0, bytes.length);
    }

    @Test
    void aLineIsDeliveredWhenItsEndArrivesWithoutTheLineEnd() {
        arrive("temp=2");
        assertThat(lines).isEmpty();
        arrive("1\r\nhum");
        assertThat(lines).containsExactly("temp=21");
    }

    @Test
    void aLastLineWithoutEndIsDeliveredAtFinish() {
        arrive("a\nb");
        output.finish();
        assertThat(lines).containsExactly("a", "b");
    }

    @Test
    void multiByteCharactersSplitAcrossChunksStayWhole() {
        byte[] bytes = "温度\n".getBytes(StandardCharsets.UTF_8);
        output.output(bytes, 0, 2);
        output.output(bytes, 2, bytes.length - 2);
        assertThat(lines).containsExactly("温度");
    }
}
