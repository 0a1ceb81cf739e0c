package dev.belay.value;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Converts a value read from the board (see {@link PythonValueParser}) to the type a caller asks
 * for: {@code int}, {@code double}, {@code String}, {@code byte[]}, a record from a dict, a
 * {@code List<Reading>}, and so on. Conversions never lose information silently: an int that does
 * not fit, a float asked for as an int, a missing record field are errors that name both sides.
 * Whatever the value and the type, {@code convert} returns or throws a {@link ValueException}.
 *
 * <pre>{@code
 * record Reading(double celsius, long at) {}
 * Reading r = ValueConverter.convert(Map.of("celsius", 21.5, "at", 1000L), Reading.class);
 * }</pre>
 */
public final class ValueConverter {

    private ValueConverter() {}

    /** Converts {@code value} to {@code type}. */
    public static <T> T convert(Object value, Class<T> type) {
        @SuppressWarnings("unchecked")
        T converted = (T) convert(value, (Type) type);
        return converted;
    }

    /** Converts {@code value} to a generic type such as {@code List<Reading>}. */
    public static Object convert(Object value, Type type) {
        if (type instanceof Class<?> raw) {
            return toClass(value, raw, type);
        }
        if (type instanceof ParameterizedType parameterized) {
            return toClass(value, (Class<?>) parameterized.getRawType(), type);
        }
        if (type instanceof WildcardType wildcard) {
            return convert(value, wildcard.getUpperBounds()[0]);
        }
        if (type instanceof GenericArrayType array) {
            return toArray(value, array.getGenericComponentType(), raw(array.getGenericComponentType()));
        }
        if (type instanceof TypeVariable<?> variable) {
            // A record's <T extends Number> component: its constructor takes the erasure, the bound.
            return convert(value, variable.getBounds()[0]);
        }
        return value;
    }

    private static Object toClass(Object value, Class<?> raw, Type type) {
        if (value == null) {
            if (raw.isPrimitive()) {
                throw mismatch(null, raw);
            }
            return null;
        }
        if (raw == Object.class) {
            return value;
        }
        if (raw == int.class || raw == Integer.class) {
            return (int) integer(value, raw, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (raw == long.class || raw == Long.class) {
            return integer(value, raw, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (raw == short.class || raw == Short.class) {
            return (short) integer(value, raw, Short.MIN_VALUE, Short.MAX_VALUE);
        }
        if (raw == byte.class || raw == Byte.class) {
            return (byte) integer(value, raw, Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
        if (raw == BigInteger.class) {
            if (value instanceof Long l) {
                return BigInteger.valueOf(l);
            }
            if (value instanceof BigInteger) {
                return value;
            }
            throw mismatch(value, raw);
        }
        if (raw == double.class || raw == Double.class) {
            return floating(value, raw);
        }
        if (raw == float.class || raw == Float.class) {
            return (float) floating(value, raw);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (value instanceof Boolean) {
                return value;
            }
            throw mismatch(value, raw);
        }
        if (raw == String.class || raw == CharSequence.class) {
            if (value instanceof String) {
                return value;
            }
            throw mismatch(value, raw);
        }
        if (raw == byte[].class) {
            if (value instanceof byte[]) {
                return value;
            }
            throw mismatch(value, raw);
        }
        if (raw.isEnum()) {
            return enumConstant(value, raw);
        }
        if (raw.isRecord()) {
            return record(value, raw);
        }
        if (raw.isArray()) {
            return toArray(value, raw.getComponentType(), raw.getComponentType());
        }
        if (raw == List.class || raw == Collection.class || raw == Iterable.class) {
            Type element = typeArgument(type, 0);
            List<Object> list = new ArrayList<>();
            for (Object item : sequence(value, raw)) {
                list.add(convert(item, element));
            }
            return Collections.unmodifiableList(list);
        }
        if (raw == Set.class) {
            Type element = typeArgument(type, 0);
            Set<Object> set = new LinkedHashSet<>();
            for (Object item : sequence(value, raw)) {
                set.add(convert(item, element));
            }
            return Collections.unmodifiableSet(set);
        }
        if (raw == Map.class) {
            if (!(value instanceof Map<?, ?> map)) {
                throw mismatch(value, raw);
            }
            Map<Object, Object> converted = new LinkedHashMap<>();
            map.forEach((k, v) -> converted.put(convert(k, typeArgument(type, 0)), convert(v, typeArgument(type, 1))));
            return Collections.unmodifiableMap(converted);
        }
        if (raw.isInstance(value)) {
            return value;
        }
        throw mismatch(value, raw);
    }

    private static long integer(Object value, Class<?> raw, long min, long max) {
        if (value instanceof Long l && l >= min && l <= max) {
            return l;
        }
        if (value instanceof Long || value instanceof BigInteger) {
            throw new ValueException("The board's " + describe(value) + " does not fit a " + raw.getSimpleName()
                    + " (" + min + " to " + max + "); ask for a wider type such as long or BigInteger.");
        }
        throw mismatch(value, raw);
    }

    /** A double, or a float when {@code raw} is one; precision may go, but a finite value never becomes infinite. */
    private static double floating(Object value, Class<?> raw) {
        double d;
        if (value instanceof Double boxed) {
            d = boxed;
        } else if (value instanceof Long l) {
            d = l;
        } else if (value instanceof BigInteger b) {
            d = b.doubleValue();
        } else {
            throw mismatch(value, raw);
        }
        boolean isFloat = raw == float.class || raw == Float.class;
        boolean finite = !(value instanceof Double boxed) || Double.isFinite(boxed);
        if (finite && (Double.isInfinite(d) || (isFloat && Math.abs(d) > Float.MAX_VALUE))) {
            String wider = value instanceof Double ? "a double"
                    : Double.isInfinite(d) ? "BigInteger" : "a double or BigInteger";
            throw new ValueException("The board's " + describe(value) + " is beyond the range of a "
                    + raw.getSimpleName() + "; ask for " + wider + " instead.");
        }
        return d;
    }

    private static Object enumConstant(Object value, Class<?> raw) {
        if (value instanceof String name) {
            for (Object constant : raw.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(name)) {
                    return constant;
                }
            }
            throw new ValueException("The board's " + describe(value) + " names no constant of " + raw.getSimpleName()
                    + "; its constants are " + List.of(raw.getEnumConstants()) + ".");
        }
        throw mismatch(value, raw);
    }

    private static Object record(Object value, Class<?> raw) {
        if (!(value instanceof Map<?, ?> map)) {
            throw mismatch(value, raw);
        }
        RecordComponent[] components = raw.getRecordComponents();
        Object[] arguments = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            String key = map.containsKey(name) ? name : snakeCase(name);
            if (!map.containsKey(key)) {
                throw new ValueException("The board's dict has no key '" + name + "'" + (key.equals(name) ? "" : " or '"
                        + key + "'") + " for the record " + raw.getSimpleName() + "; its keys are "
                        + shown(new ArrayList<>(map.keySet())) + ".");
            }
            try {
                arguments[i] = convert(map.get(key), components[i].getGenericType());
            } catch (ValueException e) {
                throw new ValueException("In " + raw.getSimpleName() + "." + name + ": " + e.getMessage(), e);
            }
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> constructor = raw.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new ValueException("The record " + raw.getSimpleName() + " refused the board's "
                    + describe(map) + ": its constructor threw " + e.getCause() + ".", e.getCause());
        } catch (ReflectiveOperationException | InaccessibleObjectException | SecurityException
                | IllegalArgumentException e) {
            throw new ValueException("Could not create the record " + raw.getSimpleName() + " from the board's "
                    + describe(map) + " (" + e + "); make the record accessible to Belay, or ask for a Map.", e);
        }
    }

    /** {@code readTemperature} becomes {@code read_temperature}. */
    public static String snakeCase(String camelCase) {
        StringBuilder out = new StringBuilder(camelCase.length() + 4);
        for (int i = 0; i < camelCase.length(); i++) {
            char c = camelCase.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static Object toArray(Object value, Type componentType, Class<?> component) {
        List<?> items = sequence(value, component.arrayType());
        if (component == byte.class && value instanceof byte[]) {
            return value;
        }
        Object array = Array.newInstance(component, items.size());
        for (int i = 0; i < items.size(); i++) {
            Array.set(array, i, convert(items.get(i), componentType));
        }
        return array;
    }

    private static List<?> sequence(Object value, Class<?> wanted) {
        if (value instanceof List<?> list) {
            return list;
        }
        if (value instanceof Set<?> set) {
            return new ArrayList<>(set);
        }
        if (value instanceof byte[] bytes) {
            List<Long> list = new ArrayList<>(bytes.length);
            for (byte b : bytes) {
                list.add((long) (b & 0xff));
            }
            return list;
        }
        throw mismatch(value, wanted);
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static ValueException mismatch(Object value, Class<?> wanted) {
        return new ValueException("Cannot convert the board's " + describe(value) + " to " + wanted.getSimpleName()
                + ".");
    }

    /** The Python type and a short form of a parsed value, for messages: {@code float 3.5}. */
    static String describe(Object value) {
        String type;
        if (value == null) {
            return "None";
        } else if (value instanceof Boolean) {
            type = "bool";
        } else if (value instanceof Long) {
            type = "int";
        } else if (value instanceof BigInteger b) {
            if (b.bitLength() > LONGEST_SHOWN_INT) {
                return "int of " + digits(b) + " digits";
            }
            type = "int";
        } else if (value instanceof Double) {
            type = "float";
        } else if (value instanceof String) {
            type = "str";
        } else if (value instanceof byte[]) {
            return "bytes of length " + ((byte[]) value).length;
        } else if (value instanceof List) {
            type = "list";
        } else if (value instanceof Map) {
            type = "dict";
        } else if (value instanceof Set) {
            type = "set";
        } else {
            type = value.getClass().getSimpleName();
        }
        return type + " " + shown(value);
    }

    private static String shown(Object value) {
        StringBuilder shown = new StringBuilder();
        show(value, shown);
        return shown.length() > SHOWN ? shown.substring(0, SHOWN - 3) + "..." : shown.toString();
    }

    /** How much of a value a message shows. */
    private static final int SHOWN = 60;
    /** Ints longer than this many bits are shown by their number of digits, not their digits. */
    private static final int LONGEST_SHOWN_INT = 256;

    /**
     * Writes about {@link #SHOWN} characters of a Python-like form of {@code value}: the cost is
     * bounded whatever the size of the value (a million-digit int, a list of a million items).
     */
    private static void show(Object value, StringBuilder out) {
        if (out.length() > SHOWN) {
            return;
        }
        if (value == null) {
            out.append("None");
        } else if (value instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (value instanceof Double d) {
            out.append(d.isNaN() ? "nan" : d.isInfinite() ? (d > 0 ? "inf" : "-inf") : d.toString());
        } else if (value instanceof BigInteger b && b.bitLength() > LONGEST_SHOWN_INT) {
            out.append("<int of ").append(digits(b)).append(" digits>");
        } else if (value instanceof Long || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof String text) {
            out.append(Excerpt.quoted(text, SHOWN));
        } else if (value instanceof byte[] bytes) {
            out.append("<bytes of length ").append(bytes.length).append('>');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (out.length() > SHOWN) {
                    break;
                }
                out.append(separator);
                show(entry.getKey(), out);
                out.append(": ");
                show(entry.getValue(), out);
                separator = ", ";
            }
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            out.append(value instanceof Set ? '{' : '[');
            String separator = "";
            for (Object item : items) {
                if (out.length() > SHOWN) {
                    break;
                }
                out.append(separator);
                show(item, out);
                separator = ", ";
            }
            out.append(value instanceof Set ? '}' : ']');
        } else {
            out.append(Excerpt.quoted(String.valueOf(value), SHOWN));
        }
    }

    /** The number of decimal digits of {@code b}, without the quadratic cost of {@code toString()}. */
    private static int digits(BigInteger b) {
        // 2^(n-1) <= |b| < 2^n, so the count is this estimate or one more.
        int estimate = (int) ((b.bitLength() - 1) * Math.log10(2)) + 1;
        return b.abs().compareTo(BigInteger.TEN.pow(estimate)) >= 0 ? estimate + 1 : estimate;
    }
}
