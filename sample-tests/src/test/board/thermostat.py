# A thermostat's control logic, as it would live on the board. The sensor is a stand-in that
# returns a slowly drifting reading, so the same code runs on a bare board and a software board.

class DriftingSensor:
    def __init__(self, start=21.0, step=0.25):
        self.value = start
        self.step = step

    def read(self):
        self.value += self.step
        return self.value


class Thermostat:
    def __init__(self, sensor, target):
        self.sensor = sensor
        self.target = target
        self.heating = False

    def tick(self):
        reading = self.sensor.read()
        self.heating = reading < self.target
        return reading
