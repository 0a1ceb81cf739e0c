package dev.belay.value;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a long run of decimal digits into a {@link BigInteger} in time close to linear in its
 * length. {@code new BigInteger(String)} multiplies the whole number so far by each chunk of
 * digits, which is quadratic: a 1,000,000-digit result took 15 s. Here the digits are split in
 * two at a power of ten, each half is read the same way and the halves are joined with one
 * multiplication, so the big multiplications are few and balanced, where {@code BigInteger}'s
 * Karatsuba and Toom-Cook algorithms pay off.
 *
 * <pre>{@code
 * DecimalDigits.parse("12345678901234567890", 0, 20);   // 12345678901234567890
 * }</pre>
 */
final class DecimalDigits {

    /** Runs this long or shorter are read by {@code BigInteger} itself, where its quadratic cost is small. */
    private static final int CHUNK = 512;

    /** {@code powers.get(k)} is 10 to the power {@code CHUNK * 2^k}; one list per number, so none stays in memory. */
    private final List<BigInteger> powers = new ArrayList<>();
    private final String text;

    private DecimalDigits(String text) {
        this.text = text;
    }

    /**
     * The value of the ASCII digits {@code text[from, to)}, which the caller has checked are all
     * {@code '0'} to {@code '9'}, at least one.
     */
    static BigInteger parse(String text, int from, int to) {
        return new DecimalDigits(text).read(from, to);
    }

    private BigInteger read(int from, int to) {
        int length = to - from;
        if (length <= CHUNK) {
            return new BigInteger(text.substring(from, to));
        }
        // The low part is the largest CHUNK * 2^k digits that leaves a high part: both halves are
        // at most that long, and every split of every number reuses the same few powers.
        int k = 0;
        while ((long) CHUNK << (k + 1) < length) {
            k++;
        }
        int split = to - (CHUNK << k);
        return read(from, split).multiply(power(k)).add(read(split, to));
    }

    private BigInteger power(int k) {
        while (powers.size() <= k) {
            powers.add(powers.isEmpty() ? BigInteger.TEN.pow(CHUNK) : powers.get(powers.size() - 1).pow(2));
        }
        return powers.get(k);
    }
}
