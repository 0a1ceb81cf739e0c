package dev.belay.value;

import java.math.BigInteger;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Prints how long {@link PythonValueParser} takes for big results: ints of growing length (next to
 * {@code new BigInteger(String)}, the quadratic way it read them before), and long floats, strings
 * and lists. Not a test, so no machine's speed can fail a build. Run it after
 * {@code ./mvnw -pl belay-core test-compile} with
 * {@code java -cp belay-core/target/classes:belay-core/target/test-classes dev.belay.value.ValueParseBenchmark}.
 */
public final class ValueParseBenchmark {

    private ValueParseBenchmark() {}

    public static void main(String[] args) {
        Random random = new Random(1);
        for (int round = 0; round < 2; round++) {
            System.out.println(round == 0 ? "-- first round (JIT warming up)" : "-- second round");
            for (int length : new int[] {10_000, 100_000, 300_000, 1_000_000, 3_000_000}) {
                String digits = digits(random, length);
                long parsed = millis(() -> PythonValueParser.parse(digits));
                String old = length <= 300_000 ? millis(() -> new BigInteger(digits)) + " ms" : "(skipped)";
                System.out.printf("int of %,9d digits: %,6d ms; new BigInteger(String): %s%n", length, parsed, old);
            }
            String longFloat = digits(random, 1_000_000) + ".5e-3";
            System.out.printf("float of 1,000,000 digits: %,d ms%n", millis(() -> PythonValueParser.parse(longFloat)));
            String longString = "'" + "a\\x04\\u00e9\\U0001f600\\\\".repeat(100_000) + "'";
            System.out.printf("str of %,d characters: %,d ms%n", longString.length(),
                    millis(() -> PythonValueParser.parse(longString)));
            String longList = "[" + "(1, 2.5, 'x', None), ".repeat(100_000) + "]";
            System.out.printf("list of 100,000 tuples: %,d ms%n", millis(() -> PythonValueParser.parse(longList)));
        }
    }

    private static String digits(Random random, int length) {
        char[] digits = new char[length];
        digits[0] = '9';
        for (int i = 1; i < length; i++) {
            digits[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(digits);
    }

    private static long millis(Supplier<Object> work) {
        long start = System.nanoTime();
        work.get();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
