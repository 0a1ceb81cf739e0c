package dev.belay.value;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random Java values in the forms {@link PythonValueParser} returns (Long, BigInteger only beyond
 * a long, Double, String, byte[], List, Set, Map), for the fuzz and round-trip tests.
 */
final class RandomValues {

    private RandomValues() {}

    /** A byte[] that equals another with the same contents. */
    record Bytes(String hex) {}

    static Object value(Random random, int depth) {
        if (depth > 0 && random.nextInt(3) == 0) {
            return container(random, depth - 1);
        }
        return random.nextInt(8) == 0 ? bytes(random) : scalar(random);
    }

    /** A value that can be a set element or a dict key. */
    static Object scalar(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> integer(random);
            case 3 -> bigInteger(random);
            case 4 -> floating(random);
            default -> string(random);
        };
    }

    private static Object container(Random random, int depth) {
        int size = random.nextInt(5);
        switch (random.nextInt(3)) {
            case 0 -> {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    list.add(value(random, depth));
                }
                return Collections.unmodifiableList(list);
            }
            case 1 -> {
                Set<Object> set = new LinkedHashSet<>();
                for (int i = 0; i < size; i++) {
                    set.add(scalar(random));
                }
                return Collections.unmodifiableSet(set);
            }
            default -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    map.put(scalar(random), value(random, depth));
                }
                return Collections.unmodifiableMap(map);
            }
        }
    }

    private static Long integer(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> (long) random.nextInt(100) - 50;
            case 1 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            default -> random.nextLong() >> random.nextInt(64);
        };
    }

    /** Beyond a long, or the parser would rightly return a Long. */
    private static BigInteger bigInteger(Random random) {
        BigInteger value = new BigInteger(64 + random.nextInt(random.nextInt(20) == 0 ? 8000 : 200), random)
                .setBit(63);
        return random.nextBoolean() ? value.negate() : value;
    }

    private static Double floating(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> Double.longBitsToDouble(random.nextLong());
            case 1 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                    Double.MIN_VALUE, Double.MAX_VALUE, 1e-7, 1e22}[random.nextInt(9)];
            default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
        };
    }

    /** Characters a literal must escape. */
    private static final String SPECIAL = "'\"\\\n\r\t\u0000\u0004\u007f ";

    private static String string(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(5)) {
                case 0 -> SPECIAL.charAt(random.nextInt(SPECIAL.length()));
                case 1 -> 0x20 + random.nextInt(0x5f);
                case 2 -> random.nextInt(0xd800);
                case 3 -> 0x10000 + random.nextInt(Character.MAX_CODE_POINT - 0xffff);
                default -> 0xe000 + random.nextInt(0x2000);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static byte[] bytes(Random random) {
        byte[] bytes = new byte[random.nextInt(10)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** {@code value} with every byte[] replaced by its hex text, so that equals compares contents. */
    static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return new Bytes(HexFormat.of().formatHex(bytes));
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(comparable(item)));
            return out;
        }
        if (value instanceof Set<?> set) {
            Set<Object> out = new LinkedHashSet<>();
            set.forEach(item -> out.add(comparable(item)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(comparable(k), comparable(v)));
            return out;
        }
        return value;
    }
}
