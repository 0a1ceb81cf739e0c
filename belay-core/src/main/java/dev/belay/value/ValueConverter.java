package dev.belay.value;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
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
            throw new ValueException("The board's int " + value + " does not fit a " + raw.getSimpleName()
                    + " (" + min + " to " + max + "); ask for a wider type such as long or BigInteger.");
        }
        throw mismatch(value, raw);
    }

    private static double floating(Object value, Class<?> raw) {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof BigInteger b) {
            return b.doubleValue();
        }
        throw mismatch(value, raw);
    }

    private static Object enumConstant(Object value, Class<?> raw) {
        if (value instanceof String name) {
            for (Object constant : raw.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(name)) {
                    return constant;
                }
            }
            throw new ValueException("The board's str '" + name + "' names no constant of " + raw.getSimpleName() + ".");
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
                        + key + "'") + " for the record " + raw.getSimpleName() + "; its keys are " + map.keySet() + ".");
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
        } catch (ReflectiveOperationException e) {
            throw new ValueException("Could not create " + raw.getSimpleName() + " from the board's dict: "
                    + e.getMessage(), e);
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
        return new ValueException("Cannot convert the board's " + describe(value) + " to " + wanted.getSimpleName() + ".");
    }

    /** The Python type and a short form of a parsed value, for messages: {@code float 3.5}. */
    static String describe(Object value) {
        String type;
        if (value == null) {
            return "None";
        } else if (value instanceof Boolean) {
            type = "bool";
        } else if (value instanceof Long || value instanceof BigInteger) {
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
        String shown = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        return type + " " + (shown.length() > 60 ? shown.substring(0, 57) + "..." : shown);
    }
}
