package com.example.thermostat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.belay.BoardResetException;
import dev.belay.Device;
import dev.belay.DeviceException;
import dev.belay.Record;
import dev.belay.Task;
import dev.belay.junit.BelayDevice;
import dev.belay.junit.BelayExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hardware-in-the-loop tests of the thermostat in {@code src/test/board/}, on the board that
 * {@code belay.port} names ({@code virtual:micropython} by default, see junit-platform.properties).
 */
@ExtendWith(BelayExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThermostatTest {

    private Task tick;

    @BeforeAll
    static void putTheFirmwareOnTheBoard(@BelayDevice Device device) {
        device.sync(Path.of("src/test/board"));
        device.exec("import thermostat\nimport sampler");
    }

    @BeforeEach
    void freshThermostat(@BelayDevice Device device) {
        device.exec("unit = thermostat.Thermostat(thermostat.DriftingSensor(start=21.0, step=0.5), target=22.0)");
        tick = device.task("def tick():\n    return [unit.tick(), unit.heating]");
    }

    @Test
    @Order(1)
    void heatsWhileBelowTarget() {
        assertThat(tick.call()).isEqualTo(java.util.List.of(21.5, true));
    }

    @Test
    @Order(2)
    void eventuallyStopsHeating(@BelayDevice Device device) {
        await().atMost(Duration.ofSeconds(5)).until(() -> tick.call(), reading -> reading.equals(java.util.List.of(22.5, false)));
        assertThat(device.eval("unit.heating", boolean.class)).isFalse();
    }

    @Test
    @Order(3)
    void streamsSamplesFromAGenerator(@BelayDevice Device device) {
        Task samples = device.task("def five_samples():\n    return sampler.samples(unit.sensor, 5)");
        try (Stream<Double> readings = samples.stream(Double.class)) {
            assertThat(readings.collect(Collectors.toList())).containsExactly(21.5, 22.0, 22.5, 23.0, 23.5);
        }
    }

    @Test
    @Order(4)
    void aBrokenSensorSurfacesAsThePythonError(@BelayDevice Device device) {
        device.exec("unit.sensor = None", Record.NO);
        DeviceException error = catchThrowableOfType(DeviceException.class, () -> tick.call());
        assertThat(error.pythonType()).isEqualTo("AttributeError");
    }

    @Test
    @Order(5)
    void survivesAResetBetweenTests(@BelayDevice Device device) {
        // The board resets (here machine.reset(); a watchdog or brown-out does the same): its
        // globals are gone. Belay notices, restores what the history set up, and reports the reset.
        assertThatThrownBy(() -> device.exec("import machine\nmachine.reset()", Record.NO))
                .isInstanceOf(BoardResetException.class);
    }

    @Test
    @Order(6)
    void findsTheModulesImportedAgainAfterTheReset(@BelayDevice Device device) {
        // Before each test the extension also checks that the board still holds this session.
        assertThat(device.eval("thermostat.Thermostat(thermostat.DriftingSensor(), 20.5).target")).isEqualTo(20.5);
    }
}
