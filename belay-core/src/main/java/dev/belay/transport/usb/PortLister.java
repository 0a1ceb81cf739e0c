package dev.belay.transport.usb;

import com.fazecast.jSerialComm.SerialPort;
import java.util.Arrays;
import java.util.List;

/**
 * Lists the serial ports there are now, with their USB identities. A seam, so that the matching of
 * {@code usb:} connection strings can be tested without hardware.
 *
 * <pre>{@code
 * PortLister fixed = () -> List.of(new UsbPort("/dev/ttyACM0", 0x2e8a, 0x0005, "E661", "Raspberry Pi", "Pico"));
 * }</pre>
 */
@FunctionalInterface
interface PortLister {

    /** The ports present now. */
    List<UsbPort> ports();

    /** The operating system's ports, through jSerialComm. */
    static PortLister system() {
        return () -> Arrays.stream(SerialPort.getCommPorts())
                .map(port -> new UsbPort(port.getSystemPortPath(), port.getVendorID(), port.getProductID(),
                        text(port.getSerialNumber()), text(port.getManufacturer()), text(port.getPortDescription()),
                        text(port.getPortLocation())))
                .toList();
    }

    private static String text(String value) {
        return value == null || value.equalsIgnoreCase("Unknown") ? "" : value.strip();
    }
}
