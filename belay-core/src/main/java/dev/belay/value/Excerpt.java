package dev.belay.value;

/**
 * Quotes what arrived in a message: short, on one line, and with every character a reader could
 * not see (control characters, lone surrogates, invisible formatting) written as an escape.
 * Backslashes stay as they are: a {@code repr()} is full of them, and an error about an escape
 * should show the escape as the board sent it.
 *
 * <pre>{@code
 * Excerpt.quoted("a\tb");                // "'a\\tb'"
 * Excerpt.around(longText, 500_000);    // "'...some text around the place...'"
 * }</pre>
 */
final class Excerpt {

    /** Texts up to this many characters are shown whole. */
    static final int WHOLE = 120;
    /** Characters shown on each side of a position in a longer text. */
    private static final int SIDE = 40;

    private Excerpt() {}

    /** The start of {@code text}, quoted and escaped. */
    static String quoted(String text) {
        return quoted(text, WHOLE);
    }

    /** The start of {@code text}, quoted and escaped, cut after {@code longest} characters. */
    static String quoted(String text, int longest) {
        if (text.length() <= longest) {
            return "'" + escape(text, 0, text.length()) + "'";
        }
        return "'" + escape(text, 0, boundary(text, longest - 3)) + "...'";
    }

    /** The part of {@code text} around {@code position}, quoted and escaped, with "..." where it was cut. */
    static String around(String text, int position) {
        if (text.length() <= WHOLE) {
            return quoted(text);
        }
        int at = Math.max(0, Math.min(text.length(), position));
        int from = boundary(text, Math.max(0, at - SIDE));
        int to = boundary(text, Math.min(text.length(), at + SIDE));
        return "'" + (from > 0 ? "..." : "") + escape(text, from, to) + (to < text.length() ? "..." : "") + "'";
    }

    /** Moves a cut off the middle of a surrogate pair. */
    private static int boundary(String text, int index) {
        if (index > 0 && index < text.length() && Character.isHighSurrogate(text.charAt(index - 1))
                && Character.isLowSurrogate(text.charAt(index))) {
            return index - 1;
        }
        return index;
    }

    private static String escape(String text, int from, int to) {
        StringBuilder out = new StringBuilder(to - from + 8);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                out.append(String.format("\\x%02x", (int) c));
            } else if (Character.isSurrogate(c) || invisible(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean invisible(char c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
