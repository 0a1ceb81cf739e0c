package dev.belay.junit;

import dev.belay.DeviceOptions;
import dev.belay.ResetAction;
import dev.belay.transport.LineState;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reads one board's settings, each key in this order: the annotation (the port only), the system
 * property ({@code -Dbelay.port}), the environment variable ({@code BELAY_PORT}), the JUnit
 * configuration parameter ({@code junit-platform.properties}). The environment comes before the
 * file so that a real board named by a CI runner is never replaced by the software board a
 * project's {@code junit-platform.properties} names for laptops.
 *
 * <p>JUnit's {@code getConfigurationParameter} also answers from system properties, but after
 * explicitly passed parameters; reading system properties first keeps {@code -D} on top.
 */
final class BoardSettings {

    static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(5);

    private final String board;
    private final Function<String, Optional<String>> parameters;
    private final Sources sources;

    BoardSettings(String board, ExtensionContext context, Sources sources) {
        this(board, context::getConfigurationParameter, sources);
    }

    /** With JUnit's configuration parameters as a function, for tests of the settings alone. */
    BoardSettings(String board, Function<String, Optional<String>> parameters, Sources sources) {
        this.board = board;
        this.parameters = parameters;
        this.sources = sources;
    }

    /** {@code belay.port}, or {@code belay.sensor.port} for the board named {@code sensor}. */
    String key(String base) {
        return board.isEmpty() ? base : base.replaceFirst("^belay\\.", "belay." + board + ".");
    }

    /** {@code BELAY_PORT}, {@code BELAY_SENSOR_PORT}, {@code BELAY_LOCK_TIMEOUT}. */
    String variable(String base) {
        return key(base).replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT).replace('.', '_')
                .replace('-', '_');
    }

    /** The board's name as the log and reports show it. */
    String label() {
        return board.isEmpty() ? "default" : board;
    }

    Optional<Setting> setting(String base) {
        String key = key(base);
        Optional<String> property = Optional.ofNullable(sources.systemProperties().apply(key)).filter(v -> !v.isBlank());
        if (property.isPresent()) {
            return Optional.of(new Setting(property.get(), "system property " + key));
        }
        String variable = variable(base);
        Optional<String> environment = Optional.ofNullable(sources.environment().get(variable)).filter(v -> !v.isBlank());
        if (environment.isPresent()) {
            return Optional.of(new Setting(environment.get(), "environment variable " + variable));
        }
        return parameters.apply(key).filter(v -> !v.isBlank())
                .map(v -> new Setting(v, "JUnit configuration parameter " + key));
    }

    Optional<String> value(String base) {
        return setting(base).map(Setting::value);
    }

    /** The connection string and where it came from, or empty when none is configured. */
    Optional<Setting> port(BelayDevice annotation) {
        return annotation.port().isEmpty() ? setting(BelayDevice.PORT_KEY)
                : Optional.of(new Setting(annotation.port(), "@BelayDevice(port = ...)"));
    }

    String whereToSetThePort() {
        return "set @BelayDevice(port = ...), -D" + key(BelayDevice.PORT_KEY) + "=..., the environment variable "
                + variable(BelayDevice.PORT_KEY) + ", or " + key(BelayDevice.PORT_KEY) + " in junit-platform.properties";
    }

    /** How long a test waits for the board while other tests hold it. */
    Duration lockTimeout() {
        return value(BelayDevice.LOCK_TIMEOUT_KEY).map(text -> duration(BelayDevice.LOCK_TIMEOUT_KEY, text.strip()))
                .orElse(DEFAULT_LOCK_TIMEOUT);
    }

    /** The firmware {@code belay.firmware} requires of this board, with where it was set; empty for any. */
    Optional<Setting> firmwareSetting() {
        return setting(BelayDevice.FIRMWARE_KEY);
    }

    /**
     * The part of the suite this run is, {@code belay.shard=I/N}; empty to run every class. A key of
     * the run, not of a board: read it from the settings of the default board.
     */
    Optional<Shard> shard() {
        Optional<String> text = value(BelayDevice.SHARD_KEY);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Shard shard = Shard.parseOrNull(text.get());
        if (shard == null) {
            throw invalid(BelayDevice.SHARD_KEY, text.get(), "I/N with 1 <= I <= N, such as 2/3 for the second "
                    + "of three parts");
        }
        return Optional.of(shard);
    }

    DeviceOptions options() {
        return options("");
    }

    /**
     * The options of one board of a pool, {@code 2/3} (empty for a board of its own): with
     * {@code belay.output=stdout} each line says which board of the pool printed it,
     * {@code [default 2/3] ...}, since the boards of a pool share one name.
     */
    DeviceOptions options(String member) {
        // One key for both waits: for a test of this run (BoardLock) and for another process (the core's lock file).
        DeviceOptions options = DeviceOptions.defaults().withAttempts(10).withLockTimeout(lockTimeout());
        Optional<String> attempts = value(BelayDevice.ATTEMPTS_KEY);
        if (attempts.isPresent()) {
            try {
                options = options.withAttempts(Integer.parseInt(attempts.get().strip()));
            } catch (NumberFormatException e) {
                throw invalid(BelayDevice.ATTEMPTS_KEY, attempts.get(), "an integer: 0 never reconnects, N tries N "
                        + "times, a negative number tries forever");
            }
        }
        Optional<String> timeout = value(BelayDevice.TIMEOUT_KEY);
        if (timeout.isPresent()) {
            options = options.withTimeout(duration(BelayDevice.TIMEOUT_KEY, timeout.get().strip()));
        }
        Optional<String> password = value(BelayDevice.PASSWORD_KEY);
        if (password.isPresent()) {
            options = options.withPassword(password.get());
        }
        Optional<String> reset = value(BelayDevice.RESET_KEY);
        if (reset.isPresent()) {
            try {
                options = options.withResetAction(ResetAction.parse(reset.get()));
            } catch (IllegalArgumentException e) {
                throw invalid(BelayDevice.RESET_KEY, reset.get(), "none, lines (pulse DTR and RTS, as esptool does) "
                        + "or command: followed by a shell command line that resets the board (e.g. "
                        + "command:uhubctl -a cycle -l 1-1 -p 2)");
            }
        }
        Optional<String> output = value(BelayDevice.OUTPUT_KEY);
        if (output.isPresent()) {
            options = options.withOutput(output(output.get().strip(), member));
        }
        return withModemLines(options);
    }

    /** {@code belay.dtr} and {@code belay.rts}: what the serial port's modem lines are set to once open. */
    private DeviceOptions withModemLines(DeviceOptions options) {
        Optional<String> dtr = value(BelayDevice.DTR_KEY);
        if (dtr.isPresent()) {
            options = options.withDtr(lineState(BelayDevice.DTR_KEY, dtr.get()));
        }
        Optional<String> rts = value(BelayDevice.RTS_KEY);
        if (rts.isPresent()) {
            options = options.withRts(lineState(BelayDevice.RTS_KEY, rts.get()));
        }
        return options;
    }

    private LineState lineState(String base, String text) {
        try {
            return LineState.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(base, text, "on (assert the line, as the port opens), off (clear it) or keep (leave it "
                    + "as it is)");
        }
    }

    private Duration duration(String base, String text) {
        try {
            Duration duration = text.matches("\\d+") ? Duration.ofMillis(Long.parseLong(text)) : Duration.parse(text);
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // Reported below with the accepted forms.
        }
        throw invalid(base, text, "a positive ISO-8601 duration such as PT30S, or milliseconds such as 30000");
    }

    /** Where printed lines go; on stdout each says which board printed it, {@code [default 2/3]} in a pool. */
    private Consumer<String> output(String text, String member) {
        String prefix = "[" + label() + (member.isEmpty() ? "" : " " + member) + "] ";
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "log" -> null;
            case "stdout" -> line -> System.out.println(prefix + line);
            case "none" -> line -> {};
            default -> throw invalid(BelayDevice.OUTPUT_KEY, text, "log, stdout or none");
        };
    }

    private ExtensionConfigurationException invalid(String base, String value, String accepted) {
        return new ExtensionConfigurationException("The configuration parameter " + key(base) + " (or "
                + variable(base) + ") is '" + value + "', but it must be " + accepted + ".");
    }
}
