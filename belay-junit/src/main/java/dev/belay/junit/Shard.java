package dev.belay.junit;

import java.nio.charset.StandardCharsets;

/**
 * One of N parts of a suite's test classes, {@code belay.shard=I/N}, for a CI matrix that spreads a
 * suite over machines (or boards) that know nothing of each other. A class belongs to part
 * {@code FNV-1a(its fully qualified name) mod N + 1}.
 *
 * <p>A hash of the name rather than round robin over the sorted classes, because each machine must
 * decide alone from the class in front of it: JUnit shows a condition one class, never the list of
 * all, and a class added to the suite then moves no other class to another part. The price is
 * parts of uneven size on small suites (24 classes in 3 parts: about 8 each, give or take 2 or 3).
 * FNV-1a is fixed by its definition, unlike a JVM's, so every machine and version agrees.
 *
 * <pre>{@code
 * Shard.parseOrNull("2/3").contains("com.example.ThermostatTest")
 * }</pre>
 */
record Shard(int index, int count) {

    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;

    /** {@code I/N} with {@code 1 <= I <= N}, or null when it is not. */
    static Shard parseOrNull(String text) {
        String[] parts = text.strip().split("\\s*/\\s*", -1);
        if (parts.length != 2 || !parts[0].matches("\\d{1,6}") || !parts[1].matches("\\d{1,6}")) {
            return null;
        }
        int index = Integer.parseInt(parts[0]);
        int count = Integer.parseInt(parts[1]);
        return index >= 1 && index <= count ? new Shard(index, count) : null;
    }

    /** The part, 1 to {@code count}, the class named {@code className} belongs to. */
    static int of(String className, int count) {
        int hash = FNV_OFFSET;
        for (byte b : className.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return (int) (Integer.toUnsignedLong(hash) % count) + 1;
    }

    boolean contains(String className) {
        return of(className, count) == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
