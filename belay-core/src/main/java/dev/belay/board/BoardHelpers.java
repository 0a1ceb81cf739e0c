package dev.belay.board;

import dev.belay.repl.BoardSource;
import dev.belay.repl.CallFraming;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Belay's board-side helper code ({@code belay_helpers.py}) for one connection, with the nonce
 * that makes its result marker unforgeable by the user's output.
 */
final class BoardHelpers {

    /** What {@code _belay_run} prints first and after each result, as belay_helpers.py spells them. */
    static final byte START = 0x1e;
    static final byte END = 0x1f;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TEMPLATE = BoardSource.load("belay_helpers.py");

    private final String source;
    private final CallFraming framing;

    private BoardHelpers(String nonce) {
        this.source = TEMPLATE.replace("@NONCE@", nonce);
        this.framing = new CallFraming(START, ("\u001e_belay_" + nonce).getBytes(StandardCharsets.US_ASCII), END);
    }

    static BoardHelpers withFreshNonce() {
        byte[] nonce = new byte[6];
        RANDOM.nextBytes(nonce);
        return new BoardHelpers(HexFormat.of().formatHex(nonce));
    }

    /** The helper source to run on the board. */
    String source() {
        return source;
    }

    /** How the helpers frame each result. */
    CallFraming framing() {
        return framing;
    }
}
