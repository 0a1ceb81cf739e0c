package dev.belay.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueConverterTest {

    record Reading(double celsius, long takenAt, String sensor) {}

    record Positive(long n) {
        Positive {
            if (n < 0) {
                throw new IllegalArgumentException("n must not be negative");
            }
        }
    }

    record Box<T extends Number>(T value) {}

    enum Mode { IDLE, HEATING }

    interface Types {
        List<Reading> readings();

        Map<String, Integer> counts();
    }

    private static Type returnType(String method) throws NoSuchMethodException {
        return Types.class.getMethod(method).getGenericReturnType();
    }

    @Test
    void numbersNarrowOnlyWhenTheValueFits() {
        assertThat(ValueConverter.convert(42L, int.class)).isEqualTo(42);
        assertThat(ValueConverter.convert(42L, double.class)).isEqualTo(42.0);
        assertThat(ValueConverter.convert(42L, BigInteger.class)).isEqualTo(BigInteger.valueOf(42));
        assertThatThrownBy(() -> ValueConverter.convert(3_000_000_000L, int.class))
                .isInstanceOf(ValueException.class)
                .hasMessage("The board's int 3000000000 does not fit a int (-2147483648 to 2147483647); ask for a "
                        + "wider type such as long or BigInteger.");
    }

    @Test
    void aFloatIsNeverTruncatedToAnInt() {
        assertThatThrownBy(() -> ValueConverter.convert(3.5, int.class))
                .isInstanceOf(ValueException.class)
                .hasMessage("Cannot convert the board's float 3.5 to int.");
    }

    @Test
    void noneIsRefusedForPrimitives() {
        assertThatThrownBy(() -> ValueConverter.convert(null, int.class))
                .isInstanceOf(ValueException.class)
                .hasMessage("Cannot convert the board's None to int.");
        assertThat(ValueConverter.convert(null, Integer.class)).isNull();
    }

    @Test
    void aRecordIsBuiltFromADictAcceptingSnakeCaseKeys() {
        Map<String, Object> dict = Map.of("celsius", 21.5, "taken_at", 1000L, "sensor", "t1");
        assertThat(ValueConverter.convert(dict, Reading.class)).isEqualTo(new Reading(21.5, 1000L, "t1"));
    }

    @Test
    void aRecordFieldMissingFromTheDictIsNamed() {
        assertThatThrownBy(() -> ValueConverter.convert(Map.of("celsius", 1.0), Reading.class))
                .isInstanceOf(ValueException.class)
                .hasMessage("The board's dict has no key 'takenAt' or 'taken_at' for the record Reading; its keys are "
                        + "['celsius'].");
    }

    @Test
    void genericListsAndMapsConvertTheirElements() throws Exception {
        Object readings = ValueConverter.convert(List.of(Map.of("celsius", 1L, "taken_at", 2L, "sensor", "a")),
                returnType("readings"));
        assertThat(readings).isEqualTo(List.of(new Reading(1.0, 2L, "a")));
        assertThat(ValueConverter.convert(Map.of("a", 1L), returnType("counts"))).isEqualTo(Map.of("a", 1));
    }

    @Test
    void arraysAndEnums() {
        assertThat(ValueConverter.convert(List.of(1L, 2L), int[].class)).containsExactly(1, 2);
        assertThat(ValueConverter.convert(new byte[] {1}, byte[].class)).containsExactly(1);
        assertThat(ValueConverter.convert("HEATING", Mode.class)).isEqualTo(Mode.HEATING);
    }

    @Test
    void aMismatchNamesBothSides() {
        assertThatThrownBy(() -> ValueConverter.convert("21.5", double.class))
                .isInstanceOf(ValueException.class)
                .hasMessage("Cannot convert the board's str '21.5' to double.");
    }

    @Test
    void snakeCaseOfCamelCase() {
        assertThat(ValueConverter.snakeCase("readTemperature")).isEqualTo("read_temperature");
        assertThat(ValueConverter.snakeCase("read")).isEqualTo("read");
    }

    @Test
    void aHugeIntIsNamedByItsLengthNotQuotedWhole() {
        BigInteger huge = BigInteger.TEN.pow(1000);
        assertThatThrownBy(() -> ValueConverter.convert(huge, int.class))
                .isInstanceOf(ValueException.class)
                .hasMessage("The board's int of 1001 digits does not fit a int (-2147483648 to 2147483647); ask for a "
                        + "wider type such as long or BigInteger.");
        assertThatThrownBy(() -> ValueConverter.convert(List.of(huge), String.class))
                .isInstanceOf(ValueException.class)
                .hasMessage("Cannot convert the board's list [<int of 1001 digits>] to String.");
    }

    @Test
    void aNumberBeyondTheRangeOfTheFloatingTypeIsRefusedNotMadeInfinite() {
        assertThatThrownBy(() -> ValueConverter.convert(BigInteger.TEN.pow(400), double.class))
                .isInstanceOf(ValueException.class)
                .hasMessage("The board's int of 401 digits is beyond the range of a double; ask for BigInteger instead.");
        assertThatThrownBy(() -> ValueConverter.convert(1e300, float.class))
                .isInstanceOf(ValueException.class)
                .hasMessage("The board's float 1.0E300 is beyond the range of a float; ask for a double instead.");
        assertThat(ValueConverter.convert(Double.NEGATIVE_INFINITY, float.class)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(ValueConverter.convert(1e30, float.class)).isEqualTo(1e30f);
    }

    @Test
    void aRecordThatRefusesTheDictSaysWhy() {
        assertThatThrownBy(() -> ValueConverter.convert(Map.of("n", -1L), Positive.class))
                .isInstanceOf(ValueException.class)
                .hasMessage("The record Positive refused the board's dict {'n': -1}: its constructor threw "
                        + "java.lang.IllegalArgumentException: n must not be negative.");
    }

    @Test
    void aGenericRecordComponentIsConvertedToItsBound() {
        assertThat(ValueConverter.convert(Map.of("value", 7L), Box.class)).isEqualTo(new Box<>(7L));
        assertThatThrownBy(() -> ValueConverter.convert(Map.of("value", "seven"), Box.class))
                .isInstanceOf(ValueException.class)
                .hasMessage("In Box.value: Cannot convert the board's str 'seven' to Number.");
    }

    @Test
    void whatArrivedIsShownShortAndEscaped() {
        assertThatThrownBy(() -> ValueConverter.convert("a\u0004\nb", int.class))
                .isInstanceOf(ValueException.class)
                .hasMessage("Cannot convert the board's str 'a\\x04\\nb' to int.");
        assertThatThrownBy(() -> ValueConverter.convert(Map.of("k", List.of(true, 1.5, "x".repeat(100))), int.class))
                .isInstanceOf(ValueException.class)
                .hasMessage("Cannot convert the board's dict {'k': [True, 1.5, '" + "x".repeat(38) + "... "
                        + "to int.");
    }

    @Test
    void aNameThatIsNoConstantListsTheConstants() {
        assertThatThrownBy(() -> ValueConverter.convert("COOLING", Mode.class))
                .isInstanceOf(ValueException.class)
                .hasMessage("The board's str 'COOLING' names no constant of Mode; its constants are [IDLE, HEATING].");
    }
}
