package dev.belay;

import dev.belay.transport.LineState;
import dev.belay.transport.Transport;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How Belay hard-resets a board that no longer answers Ctrl-C: after a call's deadline passed and
 * the interrupt did not bring the raw prompt back (code after {@code micropython.kbd_intr(-1)},
 * a hang inside C), or when a reconnect finds the board mute. Belay then runs the action, opens the
 * port again, replays the history and reports the call with a {@link BoardResetException}. A board
 * that does not answer when Belay connects is reset the same way before the connection is made.
 *
 * <pre>{@code
 * DeviceOptions.defaults().withResetAction(ResetAction.command("uhubctl -a cycle -l 1-1 -p 2"));
 * DeviceOptions.defaults().withResetAction(ResetAction.parse("lines"));   // an ESP32 devkit's EN pin
 * }</pre>
 *
 * <table>
 *   <caption>Actions, as {@link #parse} reads them</caption>
 *   <tr><th>text</th><th>action</th></tr>
 *   <tr><td>{@code none}</td><td>no action (the default): the call ends in a {@link DeviceTimeoutException}
 *       that says the board ignores Ctrl-C and how to configure an action</td></tr>
 *   <tr><td>{@code lines}</td><td>{@link #linesPulse()}: the serial port's DTR and RTS lines pulse the
 *       chip's reset pin, as esptool does</td></tr>
 *   <tr><td>{@code command:LINE}</td><td>{@link #command(String)}: a shell command line that
 *       power-cycles or resets the board (a USB hub port, a lab's power switch, a relay)</td></tr>
 * </table>
 */
public final class ResetAction {

    /** How long the lines hold the chip in reset, as esptool's hard reset does. */
    static final Duration PULSE = Duration.ofMillis(100);
    /** How long a reset command may take before it is stopped and the reset counts as failed. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private static final String COMMAND_PREFIX = "command:";
    private static final ResetAction NONE = new ResetAction(Kind.NONE, null);
    private static final ResetAction LINES = new ResetAction(Kind.LINES, null);

    private enum Kind { NONE, LINES, COMMAND }

    private final Kind kind;
    private final String command;

    private ResetAction(Kind kind, String command) {
        this.kind = kind;
        this.command = command;
    }

    /** No hard reset: a board that ignores Ctrl-C is reported, and left as it is. */
    public static ResetAction none() {
        return NONE;
    }

    /**
     * Pulses the serial port's modem lines the way esptool hard-resets an ESP32 or ESP8266 devkit,
     * whose auto-reset circuit drives EN from RTS and IO0 from DTR: DTR off and RTS on (EN low, the
     * chip held in reset) for 100 ms, then both off (EN high with IO0 high: a normal boot). Belay's
     * reopen of the port a moment later sets the lines back to the configured
     * {@link DeviceOptions#dtr()} and {@link DeviceOptions#rts()}; setting DTR on in the same breath
     * as the release could pull IO0 low while EN is still rising and start the ROM bootloader.
     * Needs a port with lines (a local serial port, RFC 2217); a board without the auto-reset
     * circuit ignores the pulse.
     */
    public static ResetAction linesPulse() {
        return LINES;
    }

    /**
     * Runs a shell command line ({@code sh -c}, on Windows {@code cmd /c}) that resets or
     * power-cycles the board, e.g. {@code uhubctl -a cycle -l 1-1 -p 2} or
     * {@code labgrid-client -p lab-07 power cycle}. It may take 30 s ({@link #COMMAND_TIMEOUT}) and gets the
     * environment variable {@code BELAY_CONNECTION} (the board's connection string); a non-zero exit
     * code fails the reset, with the end of its output in the message.
     *
     * @throws IllegalArgumentException when the command line is blank
     */
    public static ResetAction command(String commandLine) {
        Objects.requireNonNull(commandLine, "commandLine");
        if (commandLine.isBlank()) {
            throw new IllegalArgumentException("A reset command must not be blank: give the command line that "
                    + "resets the board, e.g. command:uhubctl -a cycle -l 1-1 -p 2.");
        }
        return new ResetAction(Kind.COMMAND, commandLine.strip());
    }

    /**
     * Reads {@code none}, {@code lines} (any case) or {@code command:LINE}, as {@link #toString()}
     * writes them.
     *
     * @throws IllegalArgumentException naming the accepted forms for anything else
     */
    public static ResetAction parse(String text) {
        String stripped = text.strip();
        if (stripped.regionMatches(true, 0, COMMAND_PREFIX, 0, COMMAND_PREFIX.length())) {
            return command(stripped.substring(COMMAND_PREFIX.length()));
        }
        switch (stripped.toLowerCase(Locale.ROOT)) {
            case "none": return NONE;
            case "lines": return LINES;
            default:
                throw new IllegalArgumentException("'" + text + "' is not a reset action: use none, lines (pulse DTR "
                        + "and RTS, as esptool does) or command: followed by a shell command line (e.g. "
                        + "command:uhubctl -a cycle -l 1-1 -p 2).");
        }
    }

    /** Whether this is {@link #none()}. */
    public boolean isNone() {
        return kind == Kind.NONE;
    }

    /**
     * Resets the board behind {@code transport} and returns once the action is done (not once the
     * board is back).
     *
     * @throws ResetFailedException when the action could not be done or the command failed
     */
    void perform(Transport transport) {
        switch (kind) {
            case LINES:
                pulse(transport);
                break;
            case COMMAND:
                ResetCommand.run(command, COMMAND_TIMEOUT, transport.name());
                break;
            default:
                throw new IllegalStateException("No reset action is configured.");
        }
    }

    private static void pulse(Transport transport) {
        if (!transport.hasLines()) {
            throw noLines(transport, null);
        }
        try {
            transport.setLines(LineState.OFF, LineState.ON);
        } catch (UnsupportedOperationException | ConnectionException e) {
            throw noLines(transport, e);
        }
        try {
            Thread.sleep(PULSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Released even when interrupted: a chip held in reset helps nobody.
            try {
                transport.setLines(LineState.OFF, LineState.OFF);
            } catch (UnsupportedOperationException | ConnectionException e) {
                // The board re-enumerated with the reset (the port is gone): the reopen finds it.
            }
        }
    }

    private static ResetFailedException noLines(Transport transport, RuntimeException cause) {
        return new ResetFailedException("The reset action 'lines' needs modem lines (DTR, RTS), and " + transport.name()
                + (cause == null ? " has none" : " refused to set them (" + cause.getMessage() + ")")
                + ": use a local serial port or RFC 2217, or a command action.", cause);
    }

    /** {@code none}, {@code lines} or {@code command:LINE}, as {@link #parse} reads it. */
    @Override
    public String toString() {
        switch (kind) {
            case LINES: return "lines";
            case COMMAND: return COMMAND_PREFIX + command;
            default: return "none";
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResetAction o && kind == o.kind && Objects.equals(command, o.command);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, command);
    }
}
