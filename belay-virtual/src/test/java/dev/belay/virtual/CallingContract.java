package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.belay.BoardFunction;
import dev.belay.Device;
import dev.belay.DeviceException;
import dev.belay.DeviceOptions;
import dev.belay.Implementation;
import dev.belay.Task;
import dev.belay.UnsupportedFeatureException;
import dev.belay.value.ValueException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Device API (values, tasks, generators, bound interfaces, output) on every software board. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CallingContract {

    protected Device device;
    protected final List<String> printed = new CopyOnWriteArrayList<>();

    abstract BoardKind kind();

    /** The implementation the board must report. */
    abstract Implementation expectedImplementation();

    abstract DeviceOptions options();

    /** The connection string: a software board of its own, started by the {@code virtual:} scheme. */
    String connection() {
        return "virtual:" + kind().id();
    }

    /** The connection string a test reaches a board it started by: its pty, as a USB board's serial port. */
    String connectionTo(VirtualBoard board) {
        return board.port().toString();
    }

    @BeforeAll
    void connect() {
        device = Device.connect(connection(), options().withOutput(printed::add));
    }

    /** Each test starts from empty globals: a micro:bit's 9 KB heap does not hold every test's functions. */
    @BeforeEach
    void emptyGlobals() {
        device.softReset();
    }

    @AfterAll
    void disconnect() {
        if (device != null) {
            device.close();
        }
    }

    record Reading(double celsius, long takenAt) {}

    interface Thermometer {
        Reading readNow();

        @BoardFunction("count_up")
        Stream<Integer> counted(int to);

        int add(int a, int b);
    }

    @Test
    void aTaskIsCalledWithJavaArgumentsAndItsResultConverted() {
        Task add = device.task("def add(a, b):\n    return a + b");
        assertThat(add.name()).isEqualTo("add");
        assertThat(add.call(int.class, 2, 3)).isEqualTo(5);
        assertThat(add.call("ab", "cd")).isEqualTo("abcd");
        assertThat(add.call(List.of(1), List.of(2))).isEqualTo(List.of(1L, 2L));
    }

    @Test
    void aRecordComesBackFromADict() {
        Task read = device.task("def read_now():\n    return {'celsius': 21.5, 'taken_at': 1000}");
        assertThat(read.call(Reading.class)).isEqualTo(new Reading(21.5, 1000));
    }

    @Test
    void aRecordGoesOutAsADict() {
        Task celsius = device.task("def celsius_of(r):\n    return r['celsius']");
        assertThat(celsius.call(double.class, new Reading(4.5, 7))).isEqualTo(4.5);
    }

    @Test
    void anyFunctionOnTheBoardCanBeCalledByName() {
        device.exec("def doubled(x):\n    return 2 * x");
        assertThat(device.call("doubled", int.class, 21)).isEqualTo(42);
    }

    @Test
    void tasksLiveInPyResourcesToo() {
        Task scaled = device.taskFromResource("board/sensor_tasks.py");
        assertThat(scaled.name()).isEqualTo("broken_reading");
        assertThat(device.call("scaled", int.class, 7, 6)).isEqualTo(42);
    }

    @Test
    void aTracebackPointsAtTheLineOfTheTaskSource() {
        Task broken = device.taskFromResource("board/sensor_tasks.py");
        DeviceException e = catchThrowableOfType(DeviceException.class, broken::call);
        assertThat(e.pythonType()).isEqualTo("ZeroDivisionError");
        assertThat(e.deviceTraceback())
                .contains("File \"board/sensor_tasks.py\", line 8, in broken_reading\n    return value / 0")
                .doesNotContain("_belay");
    }

    @Test
    void aGeneratorIsPulledValueByValue() {
        Task countUp = device.task("def count_up(to):\n    for i in range(to):\n        yield i");
        try (Stream<Integer> values = countUp.stream(Integer.class, 4)) {
            assertThat(values.collect(Collectors.toList())).containsExactly(0, 1, 2, 3);
        }
    }

    @Test
    void closingAGeneratorEarlyDeletesItOnTheBoard() {
        Task forever = device.task("def forever():\n    n = 0\n    while True:\n        yield n\n        n += 1");
        try (Stream<Long> values = forever.stream(Long.class)) {
            assertThat(values.limit(3).collect(Collectors.toList())).containsExactly(0L, 1L, 2L);
        }
        assertThat(device.eval("len(_belay_g)")).isEqualTo(0L);
    }

    @Test
    void evalOfAGeneratorIsRefusedNamingTaskStreamAndLeavesNothingOnTheBoard() {
        assertThatThrownBy(() -> device.eval("(x for x in range(3))"))
                .isInstanceOf(ValueException.class)
                .hasMessageContaining("Task.stream");
        assertThat(device.eval("len(_belay_g)")).isEqualTo(0L);
    }

    @Test
    void aBareMemoryErrorIsReportedAtOnce() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> device.withTimeout(Duration.ofSeconds(30)).eval("bytearray(1 << 40)"))
                .isInstanceOf(DeviceException.class)
                .satisfies(e -> assertThat(((DeviceException) e).pythonType()).isIn("MemoryError", "OverflowError"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(device.eval("1 + 1")).isEqualTo(2L);
    }

    @Test
    void anExceptionInsideAGeneratorSurfacesAtTheValueWhereItHappened() {
        Task failing = device.task("def failing():\n    yield 1\n    yield 2\n    raise ValueError('sensor gone')");
        List<Integer> seen = new java.util.ArrayList<>();
        try (Stream<Integer> values = failing.stream(Integer.class)) {
            DeviceException e = catchThrowableOfType(DeviceException.class, () -> values.forEach(seen::add));
            assertThat(e.pythonMessage()).isEqualTo("sensor gone");
        }
        assertThat(seen).containsExactly(1, 2);
        assertThat(device.eval("len(_belay_g)")).isEqualTo(0L);
    }

    @Test
    void aBoundInterfaceCallsTheFunctionsOfItsMethodNames() {
        device.task("def read_now():\n    return {'celsius': 19.0, 'taken_at': 5}");
        device.task("def count_up(to):\n    for i in range(to):\n        yield i");
        device.task("def add(a, b):\n    return a + b");
        Thermometer thermometer = device.bind(Thermometer.class);
        assertThat(thermometer.readNow()).isEqualTo(new Reading(19.0, 5));
        assertThat(thermometer.add(40, 2)).isEqualTo(42);
        try (Stream<Integer> counted = thermometer.counted(3)) {
            assertThat(counted.collect(Collectors.toList())).containsExactly(0, 1, 2);
        }
    }

    @Test
    void printedLinesReachTheOutputConsumer() {
        printed.clear();
        device.exec("print('first')\nprint('second')");
        device.eval("print('during eval') or 1");
        assertThat(printed).containsExactly("first", "second", "during eval");
    }

    @Test
    void setupRunsInTheGlobals() {
        device.setup("configured = {'rate': 10}");
        assertThat(device.eval("configured['rate']", int.class)).isEqualTo(10);
    }

    @Test
    void threadWithoutThreadSupportSaysSo() {
        assertThatThrownBy(() -> device.thread("def blink():\n    pass"))
                .isInstanceOf(UnsupportedFeatureException.class)
                .hasMessage("This board's firmware has no _thread module, so device.thread cannot start 'blink'. "
                        + "Call it as a task instead, or use firmware built with threads.");
    }

    @Test
    void theImplementationIsReported() {
        Implementation expected = expectedImplementation();
        Implementation actual = device.implementation();
        assertThat(actual).usingRecursiveComparison().ignoringFields("build").isEqualTo(expected);
        // The build text carries a build date that changes with the installed firmware package.
        assertThat(actual.build()).contains("v" + expected.version()).contains(" on 20");
    }

    @Test
    void aLongerDeadlineCanBeGivenForOneCall() {
        Device patient = device.withTimeout(Duration.ofSeconds(30));
        assertThat(patient.eval("1 + 1")).isEqualTo(2L);
    }

    @Test
    void teardownCodeRunsAtClose() {
        try (VirtualBoard board = VirtualBoards.start(kind())) {
            try (Device own = Device.connect(connectionTo(board), options())) {
                own.teardown("with open('teardown.txt', 'w') as f:\n    f.write('done')");
            }
            try (Device again = Device.connect(connectionTo(board), options())) {
                assertThat(again.eval("open('teardown.txt').read()")).isEqualTo("done");
            }
        }
    }

    @Test
    void valuesOfEveryKindComeBack() {
        assertThat(device.eval("None")).isNull();
        assertThat(device.eval("2**70")).isEqualTo(new java.math.BigInteger("1180591620717411303424"));
        assertThat(device.eval("-7")).isEqualTo(-7L);
        assertThat((Double) device.eval("float('nan')")).isNaN();
        assertThat(device.eval("float('-inf')")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(device.eval("'caf\\u00e9'")).isEqualTo("café");
        assertThat((byte[]) device.eval("bytearray(b'\\x01\\x02')")).containsExactly(1, 2);
        assertThat(device.eval("{'k': (1, [2])}")).isEqualTo(Map.of("k", List.of(1L, List.of(2L))));
    }
}
