package dev.belay.value;

import java.lang.reflect.Array;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Writes Java values as Python source literals, to pass them as arguments to code on the board.
 *
 * <table>
 *   <caption>Java to Python</caption>
 *   <tr><th>Java</th><th>Python</th></tr>
 *   <tr><td>{@code null}</td><td>{@code None}</td></tr>
 *   <tr><td>{@code Boolean}</td><td>{@code True} / {@code False}</td></tr>
 *   <tr><td>{@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger}</td><td>int</td></tr>
 *   <tr><td>{@code Float}, {@code Double}</td><td>float, with {@code float('nan')}, {@code float('inf')} and {@code -0.0}</td></tr>
 *   <tr><td>{@code String}, {@code Character}, enum constants (by name)</td><td>str</td></tr>
 *   <tr><td>{@code byte[]}</td><td>bytes</td></tr>
 *   <tr><td>{@code List}, other arrays, other collections</td><td>list</td></tr>
 *   <tr><td>{@code Set}</td><td>set</td></tr>
 *   <tr><td>{@code Map}, records</td><td>dict (a record's component names as keys)</td></tr>
 * </table>
 *
 * <p>Values nested deeper than 200 levels are refused, as {@link PythonValueParser} refuses them:
 * a collection that contains itself ends in a {@link ValueException}, not a
 * {@code StackOverflowError}.
 *
 * <pre>{@code
 * PythonLiteral.of(List.of(1, "a", Map.of("k", true)));   // "[1, 'a', {'k': True}]"
 * }</pre>
 */
public final class PythonLiteral {

    private PythonLiteral() {}

    /** The Python literal of {@code value}; a {@link ValueException} for types with no equivalent. */
    public static String of(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, int depth) {
        if (depth > PythonValueParser.MAX_DEPTH) {
            throw new ValueException("The value nests deeper than " + PythonValueParser.MAX_DEPTH + " levels, more "
                    + "than Belay reads back from the board; pass a flatter value, and check that no collection "
                    + "contains itself.");
        }
        if (value == null) {
            out.append("None");
        } else if (value instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (value instanceof Byte || value instanceof Short || value instanceof Integer
                || value instanceof Long || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof Float f) {
            writeFloat(f.doubleValue(), out);
        } else if (value instanceof Double d) {
            writeFloat(d, out);
        } else if (value instanceof BigDecimal d) {
            writeFloat(d.doubleValue(), out);
        } else if (value instanceof CharSequence || value instanceof Character) {
            writeString(value.toString(), out);
        } else if (value instanceof Enum<?> e) {
            writeString(e.name(), out);
        } else if (value instanceof byte[] bytes) {
            writeBytes(bytes, out);
        } else if (value instanceof Set<?> set) {
            if (set.isEmpty()) {
                out.append("set()");
            } else {
                writeItems("{", set.iterator(), "}", out, depth);
            }
        } else if (value instanceof Collection<?> items) {
            writeItems("[", items.iterator(), "]", out, depth);
        } else if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            out.append('[');
            for (int i = 0; i < length; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(Array.get(value, i), out, depth + 1);
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map, out, depth);
        } else if (value instanceof Record record) {
            writeRecord(record, out, depth);
        } else {
            throw new ValueException("A " + value.getClass().getName() + " has no Python literal. Pass null, a "
                    + "boolean, number, String, byte[], array, List, Set, Map or record instead.");
        }
    }

    private static void writeFloat(double d, StringBuilder out) {
        if (Double.isNaN(d)) {
            out.append("float('nan')");
        } else if (Double.isInfinite(d)) {
            out.append(d > 0 ? "float('inf')" : "float('-inf')");
        } else {
            // Java's shortest repr round-trips; Python reads its "1.0E10" form too.
            out.append(Double.toString(d));
        }
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    out.append(c).append(text.charAt(++i));
                    continue;
                }
                throw new ValueException("The string has an unpaired surrogate (\\u" + Integer.toHexString(c)
                        + ") at index " + i + ", which UTF-8 and so the board cannot carry.");
            }
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('\'');
    }

    private static void writeBytes(byte[] bytes, StringBuilder out) {
        out.append("b'");
        for (byte value : bytes) {
            int b = value & 0xff;
            if (b == '\\' || b == '\'') {
                out.append('\\').append((char) b);
            } else if (b >= 0x20 && b < 0x7f) {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02x", b));
            }
        }
        out.append('\'');
    }

    private static void writeItems(String open, Iterator<?> items, String close, StringBuilder out, int depth) {
        out.append(open);
        boolean first = true;
        while (items.hasNext()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            write(items.next(), out, depth + 1);
        }
        out.append(close);
    }

    private static void writeMap(Map<?, ?> map, StringBuilder out, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            write(entry.getKey(), out, depth + 1);
            out.append(": ");
            write(entry.getValue(), out, depth + 1);
        }
        out.append('}');
    }

    private static void writeRecord(Record record, StringBuilder out, int depth) {
        out.append('{');
        RecordComponent[] components = record.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            writeString(components[i].getName(), out);
            out.append(": ");
            write(component(record, components[i]), out, depth + 1);
        }
        out.append('}');
    }

    private static Object component(Record record, RecordComponent component) {
        try {
            component.getAccessor().setAccessible(true);
            return component.getAccessor().invoke(record);
        } catch (InvocationTargetException e) {
            throw new ValueException("Reading " + component.getName() + " of " + record.getClass().getName()
                    + " threw " + e.getCause() + ".", e.getCause());
        } catch (ReflectiveOperationException | InaccessibleObjectException | SecurityException e) {
            throw new ValueException("Could not read " + component.getName() + " of " + record.getClass().getName()
                    + " (" + e + "); open the record's package to Belay, or pass a Map instead.", e);
        }
    }
}
