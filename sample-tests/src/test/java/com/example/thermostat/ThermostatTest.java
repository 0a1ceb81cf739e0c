package com.example.thermostat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.belay.Device;
import dev.belay.DeviceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hardware-in-the-loop tests of the thermostat logic in {@code src/test/board/thermostat.py},
 * on the board named by {@code -Dbelay.port} (a software board by default).
 */
class ThermostatTest {

    private static Device device;

    @BeforeAll
    static void connect() throws IOException {
        device = Device.connect(System.getProperty("belay.port", "virtual:micropython"));
        device.exec(Files.readString(Path.of("src/test/board/thermostat.py")));
    }

    @AfterAll
    static void disconnect() {
        if (device != null) {
            device.close();
        }
    }

    @BeforeEach
    void freshThermostat() {
        device.exec("thermostat = Thermostat(DriftingSensor(start=21.0, step=0.5), target=22.0)");
    }

    @Test
    void heatsWhileBelowTarget() {
        assertThat(device.exec("print(thermostat.tick(), thermostat.heating)")).isEqualTo("21.5 True\n");
    }

    @Test
    void stopsHeatingOnceTheTargetIsReached() {
        String readings = device.exec("for _ in range(3):\n    print(thermostat.tick(), thermostat.heating)");
        assertThat(readings.lines()).containsExactly("21.5 True", "22.0 False", "22.5 False");
    }

    @Test
    void aBrokenSensorSurfacesAsThePythonError() {
        device.exec("thermostat.sensor = None");
        DeviceException error = catchThrowableOfType(DeviceException.class, () -> device.exec("thermostat.tick()"));
        assertThat(error.pythonType()).isEqualTo("AttributeError");
    }
}
