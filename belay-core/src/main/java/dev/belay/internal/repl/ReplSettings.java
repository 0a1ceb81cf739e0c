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
 * @param interruptGrace   how long Ctrl-C after a call's deadline may take to bring the raw prompt
 *                         back before the board counts as ignoring it; at most the attention timeout
 */
public record ReplSettings(WritePacing pacing, boolean rawPaste, Duration attentionTimeout, String resetAdvice,
        Duration interruptGrace) {

    public ReplSettings {
        if (interruptGrace.compareTo(attentionTimeout) > 0) {
            interruptGrace = attentionTimeout;
        }
    }

    public ReplSettings(WritePacing pacing, boolean rawPaste, Duration attentionTimeout) {
        this(pacing, rawPaste, attentionTimeout, "", attentionTimeout);
    }
}
