package dev.belay.internal.repl;

import dev.belay.WritePacing;
import java.time.Duration;

/**
 * What the protocol engine needs to know of the user's options.
 *
 * @param pacing          how plain raw-mode writes are split
 * @param rawPaste        whether to try raw-paste
 * @param attentionTimeout how long getting the board's attention (and recovering it) may take
 * @param resetAdvice      a sentence (or nothing) added where a message says the board needs a hard
 *                         reset: how to let Belay do it, when it cannot yet
 */
public record ReplSettings(WritePacing pacing, boolean rawPaste, Duration attentionTimeout, String resetAdvice) {

    public ReplSettings(WritePacing pacing, boolean rawPaste, Duration attentionTimeout) {
        this(pacing, rawPaste, attentionTimeout, "");
    }
}
