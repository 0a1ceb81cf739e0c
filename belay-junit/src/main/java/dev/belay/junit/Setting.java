package dev.belay.junit;

/**
 * A configuration value and where it came from, so that a log line or a report can say why a test
 * ran on the board it ran on: {@code /dev/ttyACM0 (environment variable BELAY_PORT)}.
 */
record Setting(String value, String source) {

    @Override
    public String toString() {
        return value + " (" + source + ")";
    }
}
