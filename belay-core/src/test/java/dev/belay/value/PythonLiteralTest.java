package dev.belay.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PythonLiteralTest {

    record Reading(String sensor, double celsius) {}

    enum Mode { IDLE, HEATING }

    @Test
    void scalarsBecomeTheirPythonLiterals() {
        assertThat(PythonLiteral.of(null)).isEqualTo("None");
        assertThat(PythonLiteral.of(true)).isEqualTo("True");
        assertThat(PythonLiteral.of(false)).isEqualTo("False");
        assertThat(PythonLiteral.of(-42)).isEqualTo("-42");
        assertThat(PythonLiteral.of(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThat(PythonLiteral.of(new BigInteger("123456789012345678901234567890"))).isEqualTo("123456789012345678901234567890");
        assertThat(PythonLiteral.of((byte) 7)).isEqualTo("7");
        assertThat(PythonLiteral.of(Mode.HEATING)).isEqualTo("'HEATING'");
    }

    @Test
    void floatsKeepTheirSpecialValues() {
        assertThat(PythonLiteral.of(1.5)).isEqualTo("1.5");
        assertThat(PythonLiteral.of(-0.0)).isEqualTo("-0.0");
        assertThat(PythonLiteral.of(1e300)).isEqualTo("1.0E300");
        assertThat(PythonLiteral.of(Double.NaN)).isEqualTo("float('nan')");
        assertThat(PythonLiteral.of(Double.POSITIVE_INFINITY)).isEqualTo("float('inf')");
        assertThat(PythonLiteral.of(Float.NEGATIVE_INFINITY)).isEqualTo("float('-inf')");
    }

    @Test
    void stringsEscapeQuotesBackslashesAndControlCharacters() {
        assertThat(PythonLiteral.of("it's a \\ \n\r\t\u0004")).isEqualTo("'it\\'s a \\\\ \\n\\r\\t\\x04'");
        assertThat(PythonLiteral.of("温度 😀")).isEqualTo("'温度 😀'");
    }

    @Test
    void anUnpairedSurrogateIsRefused() {
        assertThatThrownBy(() -> PythonLiteral.of("a\ud800b"))
                .isInstanceOf(ValueException.class)
                .hasMessage("The string has an unpaired surrogate (\\ud800) at index 1, which UTF-8 and so the board "
                        + "cannot carry.");
    }

    @Test
    void bytesUseEscapesForAllButPrintableAscii() {
        assertThat(PythonLiteral.of(new byte[] {0, 'a', '\'', '\\', (byte) 0xff})).isEqualTo("b'\\x00a\\'\\\\\\xff'");
    }

    @Test
    void collectionsArraysMapsAndRecordsNest() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("list", List.of(1, 2));
        map.put("set", new LinkedHashSet<>(List.of("x")));
        map.put("empty", Set.of());
        map.put("array", new int[] {3, 4});
        assertThat(PythonLiteral.of(map)).isEqualTo("{'list': [1, 2], 'set': {'x'}, 'empty': set(), 'array': [3, 4]}");
        assertThat(PythonLiteral.of(new Reading("t1", 21.5))).isEqualTo("{'sensor': 't1', 'celsius': 21.5}");
    }

    @Test
    void aTypeWithoutPythonEquivalentIsRefusedByName() {
        assertThatThrownBy(() -> PythonLiteral.of(new Object()))
                .isInstanceOf(ValueException.class)
                .hasMessage("A java.lang.Object has no Python literal. Pass null, a boolean, number, String, byte[], "
                        + "array, List, Set, Map or record instead.");
    }

    @Test
    void aListThatContainsItselfIsAValueExceptionNotAStackOverflow() {
        List<Object> list = new ArrayList<>();
        list.add(list);
        assertThatThrownBy(() -> PythonLiteral.of(list))
                .isInstanceOf(ValueException.class)
                .hasMessage("The value nests deeper than 200 levels, more than Belay reads back from the board; pass "
                        + "a flatter value, and check that no collection contains itself.");
    }

    record Guarded(int secret) {
        @Override
        public int secret() {
            throw new IllegalStateException("not readable");
        }
    }

    @Test
    void aRecordWhoseAccessorThrowsIsAValueExceptionNamingIt() {
        assertThatThrownBy(() -> PythonLiteral.of(new Guarded(1)))
                .isInstanceOf(ValueException.class)
                .hasMessage("Reading secret of dev.belay.value.PythonLiteralTest$Guarded threw "
                        + "java.lang.IllegalStateException: not readable.");
    }
}
