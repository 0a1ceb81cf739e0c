package dev.belay.transport;

import java.util.Locale;

/**
 * What Belay does with one modem control line (DTR or RTS) of a serial port when it opens the
 * port: assert it, clear it, or leave it as the port has it.
 *
 * <p>On ESP32 and ESP8266 devkits the two lines drive the chip's EN (reset) and IO0 (boot mode)
 * pins through a pair of transistors: both asserted or both cleared leave the chip running,
 * RTS alone holds it in reset, DTR alone selects the ROM bootloader at the next reset. Boards
 * whose USB serial is the chip's own (RP2040, SAMD, ESP32-S3's native USB) often send nothing
 * until DTR is asserted.
 *
 * <pre>{@code
 * LinkOptions.defaults().withDtr(LineState.OFF).withRts(LineState.OFF);
 * }</pre>
 */
public enum LineState {
    /** Assert the line (the state the kernel, pyserial and jSerialComm open a port with). */
    ON,
    /** Clear the line. */
    OFF,
    /** Leave the line as the port has it. */
    KEEP;

    /**
     * Reads {@code on}, {@code off} or {@code keep} (any case).
     *
     * @throws IllegalArgumentException naming the accepted words for anything else
     */
    public static LineState parse(String text) {
        String word = text.strip().toLowerCase(Locale.ROOT);
        switch (word) {
            case "on": return ON;
            case "off": return OFF;
            case "keep": return KEEP;
            default:
                throw new IllegalArgumentException("'" + text + "' is not a line state: use on, off or keep.");
        }
    }

    /** {@code on}, {@code off} or {@code keep}, as {@link #parse} reads it. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
