package dev.belay;

import dev.belay.internal.repl.OutputListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns the bytes a board prints into lines for a consumer, each delivered as soon as its end
 * arrives, without the line end. A last line without an end is delivered by {@link #finish()}.
 */
final class OutputLines implements OutputListener {

    private final Consumer<String> consumer;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    OutputLines(Consumer<String> consumer) {
        this.consumer = consumer;
    }

    @Override
    public void output(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (data[i] == '\n') {
                deliver();
            } else {
                line.write(data[i]);
            }
        }
    }

    /** Delivers a last line that ended without a line end. */
    void finish() {
        if (line.size() > 0) {
            deliver();
        }
    }

    private void deliver() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        consumer.accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }
}
