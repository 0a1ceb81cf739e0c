package dev.belay.internal.repl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * MicroPython code that Belay sends to boards, kept as {@code .py} resources under
 * {@code dev/belay/board/} and read without comment and blank lines: every byte costs time on a
 * paced board.
 *
 * <pre>{@code
 * String helpers = BoardSource.load("belay_helpers.py");
 * }</pre>
 */
public final class BoardSource {

    private BoardSource() {}

    /** The resource {@code dev/belay/board/NAME}, less its comment and blank lines. */
    public static String load(String name) {
        try (InputStream in = BoardSource.class.getResourceAsStream("/dev/belay/board/" + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from belay-core's jar.");
            }
            StringBuilder kept = new StringBuilder();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.stripLeading().startsWith("#"))
                    .forEach(line -> kept.append(line).append('\n'));
            return kept.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
