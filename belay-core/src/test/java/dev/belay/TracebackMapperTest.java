package dev.belay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TracebackMapperTest {

    private final TracebackMapper mapper = new TracebackMapper();

    @Test
    void framesOfATaskPointAtItsSourceAndQuoteTheLine() {
        mapper.defined("read", new TracebackMapper.Origin("task read", List.of("def read():", "    return 1 / 0")));
        String mapped = mapper.map("Traceback (most recent call last):\n"
                + "  File \"<stdin>\", line 1, in <lambda>\n"
                + "  File \"<stdin>\", line 12, in _belay_run\n"
                + "  File \"<stdin>\", line 2, in read\n"
                + "ZeroDivisionError: division by zero");
        assertThat(mapped).isEqualTo("Traceback (most recent call last):\n"
                + "  File \"task read\", line 2, in read\n"
                + "    return 1 / 0\n"
                + "ZeroDivisionError: division by zero");
    }

    @Test
    void framesOfUnknownFunctionsAndFilesStayAsTheyAre() {
        String traceback = "Traceback (most recent call last):\n  File \"sensor.py\", line 3, in read\nOSError: 5";
        assertThat(mapper.map(traceback)).isEqualTo(traceback);
    }
}
