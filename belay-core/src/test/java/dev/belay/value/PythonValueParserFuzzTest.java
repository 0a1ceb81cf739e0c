package dev.belay.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs for {@link PythonValueParser}: whatever a board (or a damaged line) sends,
 * {@code parse} returns a value or throws a {@link ValueException} with a short, one-line message,
 * never anything else. Each run takes a new seed; a failure names it, and
 * {@code -Dbelay.fuzz.seed=N} replays that run.
 */
class PythonValueParserFuzzTest {

    private static final int ROUNDS = Integer.getInteger("belay.fuzz.rounds", 10_000);
    /** Characters that matter to the grammar, and some that should never get through it. */
    private static final String INTERESTING = "[](){}'\",:. -+_0123456789eEjxuUNbraytesfloinfnaTrueFalseNone\\\\\\"
            + "\u0000\u0004\u001e\u001f\n\r\t\u007f\u0085\u00e9\u0661\uff10\ufffd\ud800\udc00\u202e\u2028";

    private final long seed = Long.getLong("belay.fuzz.seed", new SecureRandom().nextLong());

    @Test
    void everyInputEndsInAValueOrAValueException() {
        System.out.println("PythonValueParserFuzzTest seed " + seed + " (replay with -Dbelay.fuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        List<Function<Random, String>> kinds = List.of(
                PythonValueParserFuzzTest::mutatedLiteral,
                PythonValueParserFuzzTest::truncatedLiteral,
                PythonValueParserFuzzTest::interestingCharacters,
                PythonValueParserFuzzTest::escapeInQuotes,
                PythonValueParserFuzzTest::number,
                PythonValueParserFuzzTest::deepNesting,
                PythonValueParserFuzzTest::decodedBytes,
                PythonValueParserFuzzTest::knownCall);
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String input = kinds.get(random.nextInt(kinds.size())).apply(random);
            try {
                PythonValueParser.parse(input);
            } catch (ValueException e) {
                refused++;
                assertReadable(e.getMessage(), round, input);
            } catch (Throwable e) {
                fail("Seed " + seed + ", round " + round + ": parse(" + shown(input) + ") threw " + e
                        + " instead of a ValueException (replay with -Dbelay.fuzz.seed=" + seed + ")", e);
            }
        }
        System.out.printf("PythonValueParserFuzzTest: %d of %d inputs refused%n", refused, ROUNDS);
        assertThat(refused).as("seed %d: most inputs are malformed", seed).isGreaterThanOrEqualTo(ROUNDS / 2);
    }

    /** One line, no lone surrogates (a log or a report could not carry them), and short. */
    private void assertReadable(String message, int round, String input) {
        String context = "seed " + seed + ", round " + round + ", input " + shown(input) + ": message " + shown(message);
        assertThat(message).as(context).isNotBlank().hasSizeLessThan(1200);
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < message.length()
                    && Character.isLowSurrogate(message.charAt(i + 1));
            if (pairedSurrogate) {
                i++;
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                fail("The message has the raw character \\u%04x at %d (%s)", (int) c, i, context);
            }
        }
    }

    private static String shown(String text) {
        String cut = text.length() > 300 ? text.substring(0, 300) + "... (" + text.length() + " characters)" : text;
        StringBuilder out = new StringBuilder("\"");
        cut.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.append('"').toString();
    }

    private static String validLiteral(Random random) {
        return PythonLiteral.of(RandomValues.value(random, 3));
    }

    private static String mutatedLiteral(Random random) {
        StringBuilder text = new StringBuilder(validLiteral(random));
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length());
            switch (random.nextInt(5)) {
                case 0 -> text.insert(at, interesting(random));
                case 1 -> {
                    if (text.length() > 0) {
                        text.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (text.length() > 0) {
                        text.setCharAt(at, interesting(random));
                    }
                }
                case 3 -> text.insert(at, text.substring(at, Math.min(text.length(), at + 1 + random.nextInt(8))));
                default -> text.insert(at, "\\" + pick(random, "xuUN'\"0a9"));
            }
        }
        return text.toString();
    }

    private static String truncatedLiteral(Random random) {
        String literal = validLiteral(random);
        return literal.substring(0, random.nextInt(literal.length() + 1));
    }

    private static String interestingCharacters(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            text.append(interesting(random));
        }
        return text.toString();
    }

    private static char interesting(Random random) {
        return random.nextInt(8) == 0 ? (char) random.nextInt(0x10000) : pick(random, INTERESTING);
    }

    private static char pick(Random random, String characters) {
        return characters.charAt(random.nextInt(characters.length()));
    }

    private static String escapeInQuotes(Random random) {
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "b'" : "'");
        char escape = pick(random, "xuUUUNabfnrtv01'\"\\q\u00e9");
        text.append('\\').append(escape);
        // Half the time the right number of digits, all hex: the values beyond U+10FFFF, the surrogates.
        boolean wellFormed = random.nextBoolean();
        int digits = wellFormed ? (escape == 'x' ? 2 : escape == 'u' ? 4 : 8) : random.nextInt(10);
        for (int i = 0; i < digits; i++) {
            text.append(pick(random, wellFormed ? "0123456789abcdefABCDEF" : "0123456789abcdefABCDEF+- gG\uff10\u0661"));
        }
        if (random.nextInt(4) > 0) {
            text.append('\'');
        }
        return text.toString();
    }

    private static String number(Random random) {
        StringBuilder text = new StringBuilder();
        int parts = 1 + random.nextInt(6);
        for (int i = 0; i < parts; i++) {
            switch (random.nextInt(7)) {
                case 0 -> text.append(random.nextBoolean() ? '-' : '+');
                case 1 -> text.append('.');
                case 2 -> text.append(random.nextBoolean() ? 'e' : "E-");
                case 3 -> text.append(digits(random, 1 + random.nextInt(random.nextInt(50) == 0 ? 5000 : 25)));
                case 4 -> text.append(random.nextBoolean() ? "inf" : "nan");
                case 5 -> text.append(pick(random, "0x1j_"));
                default -> text.append(digits(random, 1 + random.nextInt(3)));
            }
        }
        return text.toString();
    }

    private static String digits(Random random, int count) {
        char[] digits = new char[count];
        for (int i = 0; i < count; i++) {
            digits[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(digits);
    }

    private static String deepNesting(Random random) {
        int depth = random.nextInt(10) == 0 ? 1 + random.nextInt(20_000) : PythonValueParser.MAX_DEPTH - 5 + random.nextInt(10);
        String[] openers = {"[", "(", "{", "{1: ", "set(", "frozenset(", "bytearray(", "[1, "};
        StringBuilder text = new StringBuilder();
        List<Character> closers = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            String opener = openers[random.nextInt(openers.length)];
            text.append(opener);
            closers.add(opener.startsWith("[") ? ']' : opener.startsWith("{") ? '}' : ')');
        }
        if (random.nextBoolean()) {
            text.append(random.nextBoolean() ? "1" : "");
            for (int i = closers.size() - 1; i >= 0; i--) {
                text.append(closers.get(i));
            }
        }
        return text.toString();
    }

    /** What a board's bytes look like after decoding, when they were not UTF-8 (or not text). */
    private static String decodedBytes(Random random) {
        byte[] bytes = (random.nextBoolean() ? validLiteral(random) : "'" + digits(random, 3) + "'")
                .getBytes(StandardCharsets.UTF_8);
        int noise = 1 + random.nextInt(4);
        for (int i = 0; i < noise && bytes.length > 0; i++) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return new String(bytes, random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }

    private static String knownCall(Random random) {
        String[] names = {"float", "set", "frozenset", "bytearray", "b", "Pin", "<object at 0x2000>", "None", "inf"};
        String inner = random.nextBoolean() ? validLiteral(random) : interestingCharacters(random);
        return names[random.nextInt(names.length)] + (random.nextInt(4) > 0 ? "(" : "") + inner
                + (random.nextInt(4) > 0 ? ")" : "");
    }
}
