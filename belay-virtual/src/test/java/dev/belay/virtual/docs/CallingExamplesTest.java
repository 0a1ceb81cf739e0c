package dev.belay.virtual.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.belay.BoardFunction;
import dev.belay.Device;
import dev.belay.DeviceException;
import dev.belay.DeviceOptions;
import dev.belay.Task;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The examples of docs/calling.md, kept here so that they compile and run. */
class CallingExamplesTest {

    private static final List<String> printed = new CopyOnWriteArrayList<>();
    private static Device device;

    @BeforeAll
    static void connect() {
        device = Device.connect("virtual:microbit", DeviceOptions.defaults().withOutput(printed::add));
    }

    @AfterAll
    static void close() {
        device.close();
    }

    // --- docs: eval
    @Test
    void evalReturnsJavaValues() {
        Object value = device.eval("{'t': 21.5, 'ok': True, 'ids': (1, 2)}");
        assertThat(value).isEqualTo(Map.of("t", 21.5, "ok", true, "ids", List.of(1L, 2L)));

        int answer = device.eval("6 * 7", int.class);
        assertThat(answer).isEqualTo(42);
    }
    // --- end

    // --- docs: tasks
    record Reading(double celsius, long takenAt) {}

    @Test
    void tasksAreFunctionsOnTheBoard() {
        Task add = device.task("""
                def add(a, b):
                    return a + b
                """);
        assertThat(add.call(int.class, 2, 3)).isEqualTo(5);

        device.taskFromResource("board/thermometer.py");
        Reading now = device.call("read_now", Reading.class);
        assertThat(now).isEqualTo(new Reading(21.5, 1000));
    }
    // --- end

    // --- docs: generators
    @Test
    void generatorsStreamTheirValues() {
        Task history = device.taskFromResource("board/thermometer.py");   // its last function: calibrate
        Task values = device.task("def history_of(n):\n    return history(n)");
        try (Stream<Double> stream = values.stream(Double.class, 2)) {
            assertThat(stream.collect(Collectors.toList())).containsExactly(20.5, 21.0);
        }
        assertThat(history.name()).isEqualTo("calibrate");
    }
    // --- end

    // --- docs: bind
    interface Thermometer {
        Reading readNow();

        Stream<Double> history(int count);

        @BoardFunction("calibrate")
        List<Double> calibrated(int offset);
    }

    @Test
    void aBoundInterfaceReadsLikeJava() {
        device.taskFromResource("board/thermometer.py");
        Thermometer thermometer = device.bind(Thermometer.class);
        assertThat(thermometer.readNow().celsius()).isEqualTo(21.5);
        assertThat(thermometer.calibrated(1)).containsExactly(21.5, 22.0, 22.5);
        try (Stream<Double> history = thermometer.history(3)) {
            assertThat(history).hasSize(3);
        }
    }
    // --- end

    // --- docs: errors
    @Test
    void errorsPointAtYourSource() {
        device.taskFromResource("board/thermometer.py");
        DeviceException e = catchThrowableOfType(DeviceException.class, () -> device.call("calibrate", List.class, 9));
        assertThat(e.pythonType()).isEqualTo("ValueError");
        assertThat(e.pythonMessage()).isEqualTo("offset too large: 9");
        assertThat(e.deviceTraceback()).contains("File \"board/thermometer.py\", line 16, in calibrate\n    raise ValueError");
    }
    // --- end

    // --- docs: output
    @Test
    void printedLinesArriveAsTheyArePrinted() {
        printed.clear();
        device.exec("for i in range(2):\n    print('sample', i)");
        assertThat(printed).containsExactly("sample 0", "sample 1");
    }
    // --- end
}
