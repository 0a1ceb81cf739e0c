package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.Device;
import dev.belay.value.PythonLiteral;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Java value to the board and back, for 2,000 random nested values: every value kind, big
 * integers, -0.0, NaN, infinities, all 256 byte values and surrogate-pair Unicode. The seed is
 * printed with a failure so that it can be replayed.
 */
class ValueRoundTripTest {

    private static final int VALUES = 2_000;
    private static Device device;

    @BeforeAll
    static void connect() {
        device = Device.connect("virtual:micropython");
    }

    @AfterAll
    static void close() {
        device.close();
    }

    @Test
    void randomNestedValuesComeBackEqual() {
        long seed = Long.getLong("belay.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < VALUES; i++) {
            Object sent = i == 0 ? allBytes() : value(random, 0);
            Object back = device.eval(PythonLiteral.of(sent));
            assertThat(normal(back)).as("value %d of seed %d: %s", i, seed, PythonLiteral.of(sent))
                    .isEqualTo(normal(sent));
        }
    }

    private static byte[] allBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static Object value(Random random, int depth) {
        int kinds = depth >= 3 ? 7 : 10;
        return switch (random.nextInt(kinds)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> integer(random);
            case 3 -> floating(random);
            case 4 -> text(random);
            case 5 -> bytes(random);
            case 6 -> new BigInteger(random.nextInt(200) + 64, random).multiply(BigInteger.valueOf(random.nextBoolean() ? 1 : -1));
            case 7 -> {
                List<Object> list = new ArrayList<>();
                for (int n = random.nextInt(5); n > 0; n--) {
                    list.add(value(random, depth + 1));
                }
                yield list;
            }
            case 8 -> {
                Set<Object> set = new LinkedHashSet<>();
                for (int n = random.nextInt(5); n > 0; n--) {
                    set.add(random.nextBoolean() ? integer(random) : text(random));
                }
                yield set;
            }
            default -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int n = random.nextInt(5); n > 0; n--) {
                    map.put(random.nextBoolean() ? integer(random) : text(random), value(random, depth + 1));
                }
                yield map;
            }
        };
    }

    private static Object integer(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> (long) random.nextInt(21) - 10;
            case 1 -> random.nextLong();
            case 2 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
            default -> random.nextInt();
        };
    }

    private static Object floating(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> -0.0;
            case 1 -> Double.NaN;
            case 2 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 3 -> Double.longBitsToDouble(random.nextLong());
            case 4 -> random.nextGaussian() * 1e-300;
            default -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
        };
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(12); n > 0; n--) {
            switch (random.nextInt(6)) {
                case 0 -> text.append((char) random.nextInt(0x20));
                case 1 -> text.append("'\"\\\u007f".charAt(random.nextInt(4)));
                case 2 -> text.appendCodePoint(0x1F300 + random.nextInt(0x300));
                case 3 -> text.appendCodePoint(0x80 + random.nextInt(0xD000));
                default -> text.append((char) (0x20 + random.nextInt(0x5f)));
            }
        }
        return text.toString();
    }

    private static byte[] bytes(Random random) {
        byte[] bytes = new byte[random.nextInt(20)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The form both sides are compared in: Java's integer types as Long or BigInteger, bytes as a list. */
    private static Object normal(Object value) {
        if (value instanceof Integer i) {
            return (long) i;
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (value instanceof Double d && Double.isNaN(d)) {
            return "NaN";
        }
        if (value instanceof byte[] bytes) {
            List<Byte> list = new ArrayList<>();
            for (byte b : bytes) {
                list.add(b);
            }
            return "bytes" + list;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ValueRoundTripTest::normal).toList();
        }
        if (value instanceof Set<?> set) {
            Set<Object> normal = new LinkedHashSet<>();
            set.forEach(item -> normal.add(normal(item)));
            return normal;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> normal = new LinkedHashMap<>();
            map.forEach((k, v) -> normal.put(normal(k), normal(v)));
            return normal;
        }
        return value;
    }
}
