package dev.belay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Belay's board-side helper code ({@code belay_helpers.py}) for one session, with the nonce that
 * makes its result marker unforgeable by the user's output.
 */
final class BoardHelpers {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String TEMPLATE = load("/dev/belay/board/belay_helpers.py");

    private final byte[] source;
    private final byte[] marker;

    private BoardHelpers(String nonce) {
        this.source = withoutComments(TEMPLATE).replace("@NONCE@", nonce).getBytes(StandardCharsets.UTF_8);
        this.marker = ("\u001e_belay_" + nonce).getBytes(StandardCharsets.US_ASCII);
    }

    static BoardHelpers withFreshNonce() {
        byte[] nonce = new byte[6];
        RANDOM.nextBytes(nonce);
        return new BoardHelpers(HexFormat.of().formatHex(nonce));
    }

    private static String load(String resource) {
        try (InputStream in = BoardHelpers.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from belay-core's jar.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops comment and blank lines: every byte costs time on a paced board. */
    private static String withoutComments(String source) {
        StringBuilder kept = new StringBuilder(source.length());
        source.lines()
                .filter(line -> !line.isBlank() && !line.stripLeading().startsWith("#"))
                .forEach(line -> kept.append(line).append('\n'));
        return kept.toString();
    }

    /** The helper source to run on the board. */
    byte[] source() {
        return source.clone();
    }

    /** What the helpers print before each result. */
    byte[] marker() {
        return marker.clone();
    }
}
