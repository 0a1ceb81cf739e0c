package dev.belay.junit;

import dev.belay.DeviceOptions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Reads one board's settings: the annotation, then configuration parameters, then environment
 * variables. A seam for the environment, so tests can supply their own.
 */
final class BoardSettings {

    private final String board;
    private final Function<String, Optional<String>> parameters;
    private final Map<String, String> environment;

    BoardSettings(String board, ExtensionContext context, Map<String, String> environment) {
        this.board = board;
        this.parameters = context::getConfigurationParameter;
        this.environment = environment;
    }

    /** {@code belay.port}, or {@code belay.sensor.port} for the board named {@code sensor}. */
    String key(String base) {
        return board.isEmpty() ? base : base.replaceFirst("^belay\\.", "belay." + board + ".");
    }

    /** {@code BELAY_PORT}, or {@code BELAY_SENSOR_PORT}. */
    String variable(String base) {
        return key(base).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    Optional<String> value(String base) {
        Optional<String> parameter = parameters.apply(key(base)).filter(v -> !v.isBlank());
        if (parameter.isPresent()) {
            return parameter;
        }
        return Optional.ofNullable(environment.get(variable(base))).filter(v -> !v.isBlank());
    }

    /** The connection string, or empty when none is configured. */
    Optional<String> port(BelayDevice annotation) {
        return annotation.port().isEmpty() ? value(BelayDevice.PORT_KEY) : Optional.of(annotation.port());
    }

    String whereToSetThePort() {
        return "set " + key(BelayDevice.PORT_KEY) + " (junit-platform.properties or -D" + key(BelayDevice.PORT_KEY)
                + "=...), the environment variable " + variable(BelayDevice.PORT_KEY) + ", or @BelayDevice(port = ...)";
    }

    DeviceOptions options() {
        DeviceOptions options = DeviceOptions.defaults().withAttempts(10);
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
            options = options.withTimeout(duration(timeout.get().strip()));
        }
        Optional<String> password = value(BelayDevice.PASSWORD_KEY);
        if (password.isPresent()) {
            options = options.withPassword(password.get());
        }
        Optional<String> output = value(BelayDevice.OUTPUT_KEY);
        if (output.isPresent()) {
            options = options.withOutput(output(output.get().strip()));
        }
        return options;
    }

    private Duration duration(String text) {
        try {
            Duration duration = text.matches("\\d+") ? Duration.ofMillis(Long.parseLong(text)) : Duration.parse(text);
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            // Reported below with the accepted forms.
        }
        throw invalid(BelayDevice.TIMEOUT_KEY, text, "a positive ISO-8601 duration such as PT30S, or milliseconds such as 30000");
    }

    private Consumer<String> output(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "log" -> null;
            case "stdout" -> line -> System.out.println("[" + (board.isEmpty() ? "board" : board) + "] " + line);
            case "none" -> line -> {};
            default -> throw invalid(BelayDevice.OUTPUT_KEY, text, "log, stdout or none");
        };
    }

    private ExtensionConfigurationException invalid(String base, String value, String accepted) {
        return new ExtensionConfigurationException("The configuration parameter " + key(base) + " (or "
                + variable(base) + ") is '" + value + "', but it must be " + accepted + ".");
    }
}
