package dev.belay.virtual.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.Device;
import dev.belay.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's first example, run exactly as the README shows it on the default software board. A
 * newcomer copies it before reading anything else, so the README's copy is compared with this one.
 */
class ReadmeExampleTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path THIS_SOURCE =
            Path.of("src", "test", "java", "dev", "belay", "virtual", "docs", "ReadmeExampleTest.java");

    @Test
    void theFirstExampleRunsOnTheDefaultSoftwareBoard() {
        // --- readme
        try (Device device = Device.connect("virtual:micropython")) {   // a board on USB: "/dev/ttyACM0"
            assertThat(device.exec("print('hello from', 'the board')")).isEqualTo("hello from the board\n");
            Task checksum = device.task("""
                    def checksum(data):
                        return sum(data) & 0xFF
                    """);
            assertThat(checksum.call(int.class, List.of(200, 100, 1))).isEqualTo(45);
        }
        // --- end
    }

    @Test
    void theReadmesFirstJavaBlockIsTheExampleThisTestRuns() throws IOException {
        assertThat(firstJavaBlock(Files.readString(README))).isEqualTo(markedSnippet(Files.readString(THIS_SOURCE)));
    }

    private static String firstJavaBlock(String markdown) {
        Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        assertThat(block.find()).as("a ```java block in README.md").isTrue();
        return block.group(1);
    }

    /** The lines between the markers, with the method body's indentation taken off. */
    private static String markedSnippet(String source) {
        String marked = source.substring(source.indexOf("// --- readme\n") + "// --- readme\n".length(),
                source.indexOf("        // --- end"));
        return marked.lines().map(line -> line.replaceFirst("^ {8}", "")).collect(Collectors.joining("\n", "", "\n"));
    }
}
