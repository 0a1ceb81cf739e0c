package dev.belay.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PythonValueParserTest {

    private static Object parse(String repr) {
        return PythonValueParser.parse(repr);
    }

    @Test
    void scalars() {
        assertThat(parse("None")).isNull();
        assertThat(parse("True")).isEqualTo(true);
        assertThat(parse("False")).isEqualTo(false);
        assertThat(parse("-17")).isEqualTo(-17L);
        assertThat(parse("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void floatsIncludingTheirSpecialValues() {
        assertThat(parse("21.5")).isEqualTo(21.5);
        assertThat(parse("1e+10")).isEqualTo(1e10);
        assertThat(parse("1.5e-07")).isEqualTo(1.5e-7);
        assertThat(parse("-0.0")).isEqualTo(-0.0);
        assertThat(parse("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat((Double) parse("nan")).isNaN();
    }

    @Test
    void stringsWithEitherQuoteAndTheirEscapes() {
        assertThat(parse("'it\\'s'")).isEqualTo("it's");
        assertThat(parse("\"it's\"")).isEqualTo("it's");
        assertThat(parse("'\\x04\\n\\r\\t\\\\'")).isEqualTo("\u0004\n\r\t\\");
        assertThat(parse("'温度 😀'")).isEqualTo("温度 😀");
        assertThat(parse("'\\u00e9\\U0001f600'")).isEqualTo("é😀");
    }

    @Test
    void bytesAndBytearrays() {
        assertThat((byte[]) parse("b'\\x00a\\'\\\\\\xff'")).containsExactly(0, 'a', '\'', '\\', 0xff);
        assertThat((byte[]) parse("bytearray(b'\\x01\\x02')")).containsExactly(1, 2);
        assertThat((byte[]) parse("bytearray()")).isEmpty();
    }

    @Test
    void containersNest() {
        assertThat(parse("[1, (2,), (), {'a': [None]}]"))
                .isEqualTo(List.of(1L, List.of(2L), List.of(), Map.of("a", java.util.Arrays.asList((Object) null))));
        assertThat(parse("{1, 2}")).isEqualTo(Set.of(1L, 2L));
        assertThat(parse("set()")).isEqualTo(Set.of());
        assertThat(parse("{}")).isEqualTo(Map.of());
        assertThat(parse("{(1, 2): 'tuple key'}")).isEqualTo(Map.of(List.of(1L, 2L), "tuple key"));
    }

    @Test
    void dictsKeepTheBoardsOrder() {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) parse("{'z': 1, 'a': 2, 'm': 3}");
        assertThat(map.keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void anObjectWithoutLiteralIsRefusedNamingIt() {
        assertThatThrownBy(() -> parse("<Sensor object at 20001234>"))
                .isInstanceOf(ValueException.class)
                .hasMessage("The board returned '<Sensor object at 20001234>', which is not a literal value. Return "
                        + "None, a bool, number, str, bytes, list, tuple, dict or set instead (e.g. a dict of the "
                        + "object's fields).");
        assertThatThrownBy(() -> parse("[1, Pin(2)]")).isInstanceOf(ValueException.class)
                .hasMessageStartingWith("The board returned '[1, Pin(2)]', which is not a literal value at position 4. ");
    }

    @Test
    void trailingTextIsRefused() {
        assertThatThrownBy(() -> parse("1 2"))
                .isInstanceOf(ValueException.class)
                .hasMessage("Cannot read the board's value: expected the end of the value at position 2 of '1 2'.");
    }

    @Test
    void anUnterminatedStringIsRefused() {
        assertThatThrownBy(() -> parse("'abc"))
                .isInstanceOf(ValueException.class)
                .hasMessage("Cannot read the board's value: expected the closing ' at position 4 of ''abc'.");
    }

    @Test
    void whatPythonLiteralWritesForSpecialFloatsReadsBack() {
        assertThat((Double) parse("float('nan')")).isNaN();
        assertThat(parse("float('inf')")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("[float('-inf')]")).isEqualTo(List.of(Double.NEGATIVE_INFINITY));
        assertThatThrownBy(() -> parse("float('3')"))
                .isInstanceOf(ValueException.class)
                .hasMessage("Cannot read the board's value: expected 'nan', 'inf' or '-inf' at position 6 of "
                        + "'float('3')'.");
    }

    @Test
    void aCodePointBeyondUnicodeIsAValueException() {
        assertThatThrownBy(() -> parse("'\\U00110000'"))
                .isInstanceOf(ValueException.class)
                .hasMessage("Cannot read the board's value: expected a code point no higher than \\U0010ffff at "
                        + "position 1 of ''\\U00110000''.");
        assertThatThrownBy(() -> parse("'\\Uffffffff'")).isInstanceOf(ValueException.class);
    }

    @Test
    void anEscapeTakesOnlyAsciiHexDigits() {
        assertThatThrownBy(() -> parse("'\\x+1'"))
                .isInstanceOf(ValueException.class)
                .hasMessage("Cannot read the board's value: expected 2 hex digits at position 3 of ''\\x+1''.");
        assertThatThrownBy(() -> parse("'\\u\uff10\uff10e9'")).isInstanceOf(ValueException.class);
        assertThat(parse("'\\u00E9\\ud800'")).isEqualTo("\u00e9\ud800");
    }

    @Test
    void aBackslashAtTheEndIsRefused() {
        assertThatThrownBy(() -> parse("'abc\\"))
                .isInstanceOf(ValueException.class)
                .hasMessage("Cannot read the board's value: expected a character after the backslash at position 5 "
                        + "of ''abc\\'.");
    }

    @Test
    void numbersAreAsciiDigitsOnly() {
        // BigInteger would read Arabic-Indic digits as 123.
        assertThatThrownBy(() -> parse("\u0661\u0662\u0663")).isInstanceOf(ValueException.class);
        assertThatThrownBy(() -> parse("-"))
                .isInstanceOf(ValueException.class)
                .hasMessage("Cannot read the board's value: expected a number at position 0 of '-'.");
        assertThatThrownBy(() -> parse("1.2.3")).isInstanceOf(ValueException.class);
        assertThat(parse("1e999999999999999999999")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("+7")).isEqualTo(7L);
    }

    @Test
    void whatArrivedIsQuotedWithInvisibleCharactersEscaped() {
        assertThatThrownBy(() -> parse("'a\u0004\ud800\u202e\n"))
                .isInstanceOf(ValueException.class)
                .hasMessage("Cannot read the board's value: expected the closing ' at position 6 of "
                        + "''a\\x04\\ud800\\u202e\\n'.");
    }

    @Test
    void aLongValueIsQuotedAroundThePlaceItCouldNotBeRead() {
        String repr = "[" + "1, ".repeat(1000) + "x]";
        assertThatThrownBy(() -> parse(repr))
                .isInstanceOf(ValueException.class)
                .hasMessage("The board returned a value of 3003 characters, which is not a literal value at position "
                        + "3001, around '... 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, x]'. Return None, a bool, number, "
                        + "str, bytes, list, tuple, dict or set instead (e.g. a dict of the object's fields).");
        String unclosed = "[" + "1, ".repeat(1000) + "1";
        assertThatThrownBy(() -> parse(unclosed))
                .isInstanceOf(ValueException.class)
                .hasMessage("Cannot read the board's value: expected ',' or ']' at position 3002 of a value of 3002 "
                        + "characters, around '...1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1'.");
    }

    @Test
    void nestingDeeperThanTheLimitIsAValueExceptionNotAStackOverflow() {
        assertThat(parse("[".repeat(PythonValueParser.MAX_DEPTH) + "]".repeat(PythonValueParser.MAX_DEPTH)))
                .isInstanceOf(List.class);
        assertThatThrownBy(() -> parse("[".repeat(100_000)))
                .isInstanceOf(ValueException.class)
                .hasMessage("The board's value nests deeper than 200 levels (at position 201 of a value of 100000 "
                        + "characters, around '..." + "[".repeat(80) + "...'); "
                        + "return a flatter value, e.g. a list of rows instead of nested pairs.");
    }

    @Test
    void integersOfEveryLengthAreReadExactly() {
        Random random = new Random(11);
        for (int length : new int[] {18, 19, 20, 511, 512, 513, 1024, 1025, 1536, 4097, 20_000}) {
            StringBuilder digits = new StringBuilder().append((char) ('1' + random.nextInt(9)));
            for (int i = 1; i < length; i++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            assertThat(parse(digits.toString())).as("%d digits", length).isEqualTo(exactly(digits.toString()));
            assertThat(parse("-" + digits)).as("-%d digits", length).isEqualTo(exactly("-" + digits));
        }
        assertThat(parse("0".repeat(2000) + "42")).isEqualTo(42L);
        assertThat(parse("-000000000000000000009223372036854775808")).isEqualTo(Long.MIN_VALUE);
    }

    private static Object exactly(String digits) {
        BigInteger value = new BigInteger(digits);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    /**
     * The case that took 15 s. Not timed (a shared machine makes any limit flaky); it prints the
     * time, and its checks are cheap: the value modulo two primes, computed digit by digit, and
     * its last 18 digits.
     */
    @Test
    void aMillionDigitIntegerIsReadExactly() {
        Random random = new Random(1_000_000);
        char[] digits = new char[1_000_000];
        digits[0] = '9';
        for (int i = 1; i < digits.length; i++) {
            digits[i] = (char) ('0' + random.nextInt(10));
        }
        String repr = new String(digits);
        long start = System.nanoTime();
        BigInteger value = (BigInteger) parse(repr);
        System.out.printf("PythonValueParser read a 1,000,000-digit int in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        for (long prime : new long[] {1_000_000_007L, 998_244_353L}) {
            long expected = 0;
            for (char digit : digits) {
                expected = (expected * 10 + digit - '0') % prime;
            }
            assertThat(value.mod(BigInteger.valueOf(prime)).longValue()).isEqualTo(expected);
        }
        assertThat(value.mod(BigInteger.TEN.pow(18))).isEqualTo(new BigInteger(repr.substring(repr.length() - 18)));
        assertThat(value.bitLength()).isEqualTo(3_321_928);
    }
}
