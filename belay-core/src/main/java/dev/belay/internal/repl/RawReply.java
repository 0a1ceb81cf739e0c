package dev.belay.internal.repl;

import java.nio.charset.StandardCharsets;

/**
 * What the board sent back for one command in raw mode: its standard output and the exception
 * text (empty when the command succeeded), as raw bytes and text.
 */
public record RawReply(byte[] output, String errorText) {

    /** Whether the command raised an exception on the board. */
    public boolean failed() {
        return !errorText.isEmpty();
    }

    /** The output decoded as UTF-8, with the board's {@code \r\n} line ends turned into {@code \n}. */
    public String outputText() {
        return new String(output, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
}
