package dev.belay.internal.repl;

import dev.belay.WritePacing;
import java.time.Duration;

/**
 * What the protocol engine needs to know of the user's options.
 *
 * @param pacing          how plain raw-mode writes are split
 * @param rawPaste        whether to try raw-paste
 * @param attentionTimeout how long getting the board's attention (and recovering it) may take
 */
public record ReplSettings(WritePacing pacing, boolean rawPaste, Duration attentionTimeout) {}
