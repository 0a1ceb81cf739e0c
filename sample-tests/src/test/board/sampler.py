# A sampling loop as a board would run it: a generator that yields readings of the sensor.
import thermostat


def samples(sensor, count):
    for _ in range(count):
        yield sensor.read()
