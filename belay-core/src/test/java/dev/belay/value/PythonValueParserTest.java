package dev.belay.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
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
}
