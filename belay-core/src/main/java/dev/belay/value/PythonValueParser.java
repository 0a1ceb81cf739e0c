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
 * <pre>{@code
 * PythonValueParser.parse("{'t': 21.5, 'ok': True}");   // {t=21.5, ok=true}
 * }</pre>
 */
public final class PythonValueParser {

    private static final int MAX_DEPTH = 200;
    private final String text;
    private int position;

    private PythonValueParser(String text) {
        this.text = text;
    }

    /** Parses one value that spans the whole of {@code repr}. */
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
            throw new ValueException("The board's value nests deeper than " + MAX_DEPTH + " levels.");
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
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
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
        Object inner = value(depth + 1);
        skipSpaces();
        expect(')');
        if (!type.isInstance(inner)) {
            throw new ValueException("The board's value has " + name + "(...) around something that is not "
                    + (type == Set.class ? "a set" : "bytes") + ": " + excerpt() + ".");
        }
        return inner;
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
        if (peek('-') || peek('+')) {
            position++;
        }
        if (text.startsWith("inf", position)) {
            position += 3;
            return text.charAt(start) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (text.startsWith("nan", position)) {
            position += 3;
            return Double.NaN;
        }
        boolean isFloat = false;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (Character.isDigit(c)) {
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
        String literal = text.substring(start, position);
        try {
            if (isFloat) {
                return Double.parseDouble(literal);
            }
            BigInteger value = new BigInteger(literal);
            return value.bitLength() < 64 ? (Object) value.longValue() : value;
        } catch (NumberFormatException e) {
            position = start;
            throw unexpected("a number");
        }
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
            char escape = next();
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
                    out.accept(hex(escape == 'u' ? 4 : 8));
                }
                default -> {
                    position -= 2;
                    throw unexpected("a known escape");
                }
            }
        }
    }

    private int hex(int digits) {
        if (position + digits > text.length()) {
            throw unexpected(digits + " hex digits");
        }
        try {
            int value = Integer.parseUnsignedInt(text.substring(position, position + digits), 16);
            position += digits;
            return value;
        } catch (NumberFormatException e) {
            throw unexpected(digits + " hex digits");
        }
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

    private char next() {
        if (position >= text.length()) {
            throw unexpected("more");
        }
        return text.charAt(position++);
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
                + " of " + excerpt() + ".");
    }

    private ValueException notALiteral() {
        return new ValueException("The board returned " + excerpt() + ", which is not a literal value. Return "
                + "None, a bool, number, str, bytes, list, tuple, dict or set instead (e.g. a dict of the object's "
                + "fields).");
    }

    private String excerpt() {
        String shown = text.length() > 120 ? text.substring(0, 117) + "..." : text;
        return "'" + shown + "'";
    }
}
