package dev.belay.board;

import dev.belay.repl.CallFraming;
import dev.belay.repl.MarkedReply;
import dev.belay.repl.RawReply;
import java.time.Duration;

/**
 * Runs raw REPL commands on a connected board, the way the session has chosen (staged when the
 * board lacks raw-paste, sent again when it may have arrived damaged). The board-call layer sends
 * everything through it.
 */
public interface Commands {

    /** Runs statements; {@code what} names them in messages. */
    RawReply exec(String code, Duration timeout, String what);

    /** Runs code that reports its result framed as {@code framing} says. */
    MarkedReply call(String code, CallFraming framing, Duration timeout, String what);
}
