package dev.belay.value;

import static org.assertj.core.api.Assertions.fail;

import dev.belay.value.ValueConverterTest.Box;
import dev.belay.value.ValueConverterTest.Mode;
import dev.belay.value.ValueConverterTest.Positive;
import dev.belay.value.ValueConverterTest.Reading;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded random values the parser could return, converted to every kind of type a caller can ask
 * for: {@code convert} returns or throws a {@link ValueException}, never anything else. A failure
 * names the seed; {@code -Dbelay.fuzz.seed=N} replays it.
 */
class ValueConverterFuzzTest {

    private static final int ROUNDS = Integer.getInteger("belay.fuzz.rounds", 1_500);
    private static final String[] KEYS = {"celsius", "taken_at", "takenAt", "sensor", "n", "value"};

    /** Generic types, read from these methods' return types. */
    interface Targets {
        List<Reading> readings();

        Map<String, Integer> counts();

        Set<Long> ids();

        Collection<byte[]> blobs();

        Iterable<?> anything();

        List<? extends Number> numbers();

        <T extends Comparable<T>> T[] comparables();

        Map<List<String>, double[]> nested();

        Optional<String> optional();

        List<Map<String, Positive>> deep();
    }

    private final long seed = Long.getLong("belay.fuzz.seed", new SecureRandom().nextLong());

    @Test
    void everyValueToEveryTypeEndsInAResultOrAValueException() {
        List<Type> types = new ArrayList<>(List.of(int.class, Integer.class, long.class, short.class, byte.class,
                BigInteger.class, double.class, Float.class, float.class, boolean.class, String.class,
                CharSequence.class, byte[].class, char.class, Mode.class, Reading.class, Positive.class, Box.class,
                int[].class, String[].class, long[][].class, Object[].class, Object.class, Number.class,
                ArrayList.class, List.class, Map.class, Set.class, void.class, Record.class));
        for (Method method : Targets.class.getDeclaredMethods()) {
            types.add(method.getGenericReturnType());
        }
        Random random = new Random(seed);
        for (int round = 0; round < ROUNDS; round++) {
            Object value = random.nextInt(3) == 0 ? recordLike(random) : RandomValues.value(random, 3);
            for (Type type : types) {
                try {
                    ValueConverter.convert(value, type);
                } catch (ValueException e) {
                    // What a malformed combination must end in.
                } catch (Throwable e) {
                    fail("Seed " + seed + ", round " + round + ": convert(" + ValueConverter.describe(value) + ", "
                            + type.getTypeName() + ") threw " + e + " instead of a ValueException (replay with "
                            + "-Dbelay.fuzz.seed=" + seed + ")", e);
                }
            }
        }
    }

    private static Object recordLike(Random random) {
        Map<Object, Object> map = new LinkedHashMap<>();
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
            map.put(KEYS[random.nextInt(KEYS.length)], random.nextBoolean() ? RandomValues.scalar(random) : (long) random.nextInt(3) - 1);
        }
        return random.nextBoolean() ? map : Arrays.asList(map, RandomValues.value(random, 1));
    }
}
