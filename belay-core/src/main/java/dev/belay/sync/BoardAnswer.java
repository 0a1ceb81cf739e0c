package dev.belay.sync;

import dev.belay.value.PythonLiteral;
import java.util.List;

/**
 * Checks the values the board's sync helpers answer with, so that a wrong-shaped one (helpers
 * replaced by the code under test, a global of the same name) ends in a {@link SyncException}
 * naming what arrived, never in a {@code ClassCastException} deep in the sync.
 *
 * <pre>{@code
 * List<?> pair = BoardAnswer.tuple(answer, 2, "the listing", answer);
 * }</pre>
 */
final class BoardAnswer {

    /** Characters of an answer quoted in a message. */
    private static final int EXCERPT = 80;

    private BoardAnswer() {}

    /** A tuple (or list) of exactly {@code length} items. */
    static List<?> tuple(Object value, int length, String what, Object whole) {
        if (value instanceof List<?> items && items.size() == length) {
            return items;
        }
        throw malformed(what, whole);
    }

    static List<?> list(Object value, String what, Object whole) {
        if (value instanceof List<?> items) {
            return items;
        }
        throw malformed(what, whole);
    }

    static boolean bool(Object value, String what, Object whole) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw malformed(what, whole);
    }

    static String text(Object value, String what, Object whole) {
        if (value instanceof String s) {
            return s;
        }
        throw malformed(what, whole);
    }

    /** A whole number from {@code min} to {@code max}. */
    static long number(Object value, long min, long max, String what, Object whole) {
        if (value instanceof Long n && n >= min && n <= max) {
            return n;
        }
        throw malformed(what, whole);
    }

    /** A board path: a string that is not empty and holds no NUL, which no filesystem allows. */
    static String path(Object value, String what, Object whole) {
        if (value instanceof String s && !s.isEmpty() && s.indexOf('\0') < 0) {
            return s;
        }
        throw malformed(what, whole);
    }

    static SyncException malformed(String what, Object whole) {
        return new SyncException("The board answered " + what + " with " + excerpt(whole) + ", which is not what "
                + "Belay's sync helpers send: the board's helpers (globals named _belay_...) may have been replaced, "
                + "for example by the code under test. Nothing more was written; reset the board and sync again.");
    }

    /** The value as the board would print it, escaped to printable ASCII and cut short. */
    static String excerpt(Object value) {
        String literal;
        try {
            literal = PythonLiteral.of(value);
        } catch (RuntimeException e) {
            literal = String.valueOf(value);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < literal.length() && out.length() < EXCERPT; i++) {
            char c = literal.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else if (c < 0x100) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.length() < EXCERPT ? out.toString() : out + "...";
    }
}
