package dev.belay.value;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code repr()} of a value printed by the board back into Java. A strict parser for a
 * closed grammar, never an evaluator: anything outside it is refused with a message that says
 * what arrived.
 *
 * <table>
 *   <caption>Python to Java</caption>
 *   <tr><th>Python</th><th>Java</th></tr>
 *   <tr><td>None</td><td>{@code null}</td></tr>
 *   <tr><td>bool</td><td>{@code Boolean}</td></tr>
 *   <tr><td>int</td><td>{@code Long}, or {@code BigInteger} when it does not fit</td></tr>
 *   <tr><td>float (also inf, nan)</td><td>{@code Double}</td></tr>
 *   <tr><td>str</td><td>{@code String}</td></tr>
 *   <tr><td>bytes, bytearray</td><td>{@code byte[]}</td></tr>
 *   <tr><td>list, tuple</td><td>unmodifiable {@code List}</td></tr>
 *   <tr><td>dict</td><td>unmodifiable {@code Map}, in the board's order</td></tr>
 *   <tr><td>set, frozenset</td><td>unmodifiable {@code Set}</td></tr>
 * </table>
 *
 * <p>It also reads what {@link PythonLiteral} writes ({@code float('nan')}, {@code float('inf')}),
 * so every literal written there reads back to an equal value. Values nested deeper than 200
 * levels are refused (a {@code repr()} that deep is almost certainly a mistake, and refusing it
 * keeps the parser's recursion far from the end of the thread's stack). Integers
 * of any length are read in time close to linear in their length: a 1,000,000-digit int takes
 * about a second, not the 15 s of {@code new BigInteger(String)}. Whatever the text,
 * {@code parse} either returns a value or throws a {@link ValueException} that quotes the text
 * around the place it could not read.
 *
 * <pre>{@code
 * PythonValueParser.parse("{'t': 21.5, 'ok': True}");   // {t=21.5, ok=true}
 * }</pre>
 */
public final class PythonValueParser {

    /** The deepest nesting of lists, tuples, dicts and sets read (or written by {@link PythonLiteral}). */
    static final int MAX_DEPTH = 200;
    private final String text;
    private int position;

    private PythonValueParser(String text) {
        this.text = text;
    }

    /**
     * Parses one value that spans the whole of {@code repr}.
     *
     * @throws ValueException when {@code repr} is not one literal of the grammar above
     */
    public static Object parse(String repr) {
        PythonValueParser parser = new PythonValueParser(repr);
        parser.skipSpaces();
        Object value = parser.value(0);
        parser.skipSpaces();
        if (parser.position != repr.length()) {
            throw parser.unexpected("the end of the value");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new ValueException("The board's value nests deeper than " + MAX_DEPTH + " levels (at position "
                    + position + " of " + shownAround() + "); return a flatter value, e.g. a list of rows instead "
                    + "of nested pairs.");
        }
        if (position >= text.length()) {
            throw unexpected("a value");
        }
        char c = text.charAt(position);
        switch (c) {
            case '[':
                return Collections.unmodifiableList(items('[', ']', depth));
            case '(':
                return Collections.unmodifiableList(items('(', ')', depth));
            case '{':
                return braces(depth);
            case '\'', '"':
                return string();
            case '<':
                throw notALiteral();
            default:
                break;
        }
        if (c == '-' || c == '+' || c == '.' || isDigit(c)) {
            return number();
        }
        String word = word();
        switch (word) {
            case "None":
                return null;
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "nan":
                return Double.NaN;
            case "b":
                return bytes();
            case "float":
                return specialFloat();
            case "bytearray":
                return call(depth, "bytearray", byte[].class, new byte[0]);
            case "set":
            case "frozenset":
                return call(depth, word, Set.class, Set.of());
            default:
                position -= word.length();
                throw notALiteral();
        }
    }

    /** {@code bytearray(b'..')}, {@code set({..})}, {@code frozenset()}: a known constructor around a literal. */
    private Object call(int depth, String name, Class<?> type, Object empty) {
        expect('(');
        skipSpaces();
        if (peek(')')) {
            position++;
            return empty;
        }
        int start = position;
        Object inner = value(depth + 1);
        if (!type.isInstance(inner)) {
            position = start;
            throw unexpected((type == Set.class ? "a set" : "bytes") + " inside " + name + "(...)");
        }
        skipSpaces();
        expect(')');
        return inner;
    }

    /** {@code float('nan')}, {@code float('inf')}, {@code float('-inf')}: how {@link PythonLiteral} writes them. */
    private Double specialFloat() {
        expect('(');
        skipSpaces();
        int start = position;
        if (!peek('\'') && !peek('"')) {
            throw unexpected("a quoted 'nan', 'inf' or '-inf'");
        }
        String name = string().toLowerCase(java.util.Locale.ROOT);
        skipSpaces();
        expect(')');
        switch (name) {
            case "nan", "+nan", "-nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                position = start;
                throw unexpected("'nan', 'inf' or '-inf'");
        }
    }

    private List<Object> items(char open, char close, int depth) {
        expect(open);
        List<Object> items = new ArrayList<>();
        skipSpaces();
        while (!peek(close)) {
            items.add(value(depth + 1));
            skipSpaces();
            if (peek(',')) {
                position++;
                skipSpaces();
            } else if (!peek(close)) {
                throw unexpected("',' or '" + close + "'");
            }
        }
        position++;
        return items;
    }

    private Object braces(int depth) {
        expect('{');
        skipSpaces();
        if (peek('}')) {
            position++;
            return Map.of();
        }
        Object first = value(depth + 1);
        skipSpaces();
        if (!peek(':')) {
            Set<Object> set = new LinkedHashSet<>();
            set.add(first);
            while (peek(',')) {
                position++;
                skipSpaces();
                if (peek('}')) {
                    break;
                }
                set.add(value(depth + 1));
                skipSpaces();
            }
            expect('}');
            return Collections.unmodifiableSet(set);
        }
        Map<Object, Object> map = new LinkedHashMap<>();
        while (true) {
            expect(':');
            skipSpaces();
            map.put(first, value(depth + 1));
            skipSpaces();
            if (peek('}')) {
                position++;
                return Collections.unmodifiableMap(map);
            }
            expect(',');
            skipSpaces();
            if (peek('}')) {
                position++;
                return Collections.unmodifiableMap(map);
            }
            first = value(depth + 1);
            skipSpaces();
        }
    }

    private Object number() {
        int start = position;
        boolean negative = peek('-');
        if (peek('-') || peek('+')) {
            position++;
        }
        if (text.startsWith("inf", position)) {
            position += 3;
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (text.startsWith("nan", position)) {
            position += 3;
            return Double.NaN;
        }
        int digits = position;
        boolean isFloat = false;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (isDigit(c)) {
                position++;
            } else if (c == '.' || c == 'e' || c == 'E') {
                isFloat = true;
                position++;
                if ((c == 'e' || c == 'E') && (peek('-') || peek('+'))) {
                    position++;
                }
            } else {
                break;
            }
        }
        if (isFloat) {
            try {
                return Double.parseDouble(text.substring(start, position));
            } catch (NumberFormatException e) {
                position = start;
                throw unexpected("a number");
            }
        }
        if (position == digits) {
            position = start;
            throw unexpected("a number");
        }
        if (position - digits <= 18) {
            return Long.parseLong(text, start, position, 10);
        }
        BigInteger value = DecimalDigits.parse(text, digits, position);
        if (negative) {
            value = value.negate();
        }
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    /** ASCII digits only: {@code Character.isDigit} would let Arabic-Indic and fullwidth digits through. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        quoted(false, out::appendCodePoint);
        return out.toString();
    }

    private byte[] bytes() {
        if (!peek('\'') && !peek('"')) {
            position--;
            throw notALiteral();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        quoted(true, out::write);
        return out.toByteArray();
    }

    /**
     * Reads a quoted literal from its opening quote, passing each character (or byte) on. Bytes
     * literals hold ASCII only and know no unicode escapes.
     */
    private void quoted(boolean bytes, java.util.function.IntConsumer out) {
        char quote = text.charAt(position++);
        while (true) {
            if (position >= text.length()) {
                throw unexpected("the closing " + quote);
            }
            char c = text.charAt(position++);
            if (c == quote) {
                return;
            }
            if (bytes && c > 0x7f) {
                position--;
                throw unexpected("an ASCII character in bytes");
            }
            if (c != '\\') {
                out.accept(c);
                continue;
            }
            if (position >= text.length()) {
                throw unexpected("a character after the backslash");
            }
            char escape = text.charAt(position++);
            switch (escape) {
                case 'n' -> out.accept('\n');
                case 'r' -> out.accept('\r');
                case 't' -> out.accept('\t');
                case '0' -> out.accept(0);
                case 'a' -> out.accept(7);
                case 'b' -> out.accept('\b');
                case 'f' -> out.accept('\f');
                case 'v' -> out.accept(0x0b);
                case '\\', '\'', '"' -> out.accept(escape);
                case 'x' -> out.accept(hex(2));
                case 'u', 'U' -> {
                    if (bytes) {
                        position -= 2;
                        throw unexpected("a known escape");
                    }
                    out.accept(codePoint(escape == 'u' ? 4 : 8));
                }
                default -> {
                    position -= 2;
                    throw unexpected("a known escape");
                }
            }
        }
    }

    /**
     * The code point of a {@code u} or {@code U} escape: lone surrogates pass (a Java string holds
     * them too), beyond U+10FFFF does not.
     */
    private int codePoint(int digits) {
        int start = position - 2;
        int value = hex(digits);
        if (value > Character.MAX_CODE_POINT) {
            position = start;
            throw unexpected("a code point no higher than \\U0010ffff");
        }
        return value;
    }

    private int hex(int digits) {
        int value = 0;
        for (int i = 0; i < digits; i++) {
            int digit = position + i < text.length() ? hexDigit(text.charAt(position + i)) : -1;
            if (digit < 0) {
                throw unexpected(digits + " hex digits");
            }
            // Eight digits can exceed an int; the caller refuses anything above U+10FFFF anyway.
            value = (int) Math.min(Integer.MAX_VALUE, (long) value * 16 + digit);
        }
        position += digits;
        return value;
    }

    /** ASCII hex digits only: {@code parseInt} would take a sign, {@code Character.digit} fullwidth digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private String word() {
        int start = position;
        while (position < text.length() && Character.isLetter(text.charAt(position))) {
            position++;
        }
        if (start == position) {
            throw unexpected("a value");
        }
        return text.substring(start, position);
    }

    private boolean peek(char c) {
        return position < text.length() && text.charAt(position) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw unexpected("'" + c + "'");
        }
        position++;
    }

    private void skipSpaces() {
        while (position < text.length() && text.charAt(position) == ' ') {
            position++;
        }
    }

    private ValueException unexpected(String wanted) {
        return new ValueException("Cannot read the board's value: expected " + wanted + " at position " + position
                + " of " + shownAround() + ".");
    }

    private ValueException notALiteral() {
        boolean whole = text.length() <= Excerpt.WHOLE;
        return new ValueException("The board returned " + (whole ? Excerpt.quoted(text) : "a value of "
                + text.length() + " characters") + ", which is not a literal value"
                + (position == 0 ? "" : " at position " + position)
                + (whole ? "" : ", around " + Excerpt.around(text, position))
                + ". Return None, a bool, number, str, bytes, list, tuple, dict or set instead (e.g. a dict of the "
                + "object's fields).");
    }

    /** The text, or the part around the position when long. */
    private String shownAround() {
        return text.length() <= Excerpt.WHOLE ? Excerpt.quoted(text) : "a value of " + text.length()
                + " characters, around " + Excerpt.around(text, position);
    }
}
