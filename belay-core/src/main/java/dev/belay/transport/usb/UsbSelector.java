package dev.belay.transport.usb;

import dev.belay.ConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A board named by its USB identity, {@code usb:vid=2e8a,pid=0005[,serial=..][,manufacturer=..][,product=..][,location=..]},
 * matched against the ports there are. Ids are hexadecimal; texts match case-insensitively, the
 * product and manufacturer as substrings. {@code location=} is the physical USB port, as pyserial's
 * {@code location} and pytest-embedded's {@code --port-location} name it ({@code 1-1.2}: bus 1, root
 * port 1, hub port 2), for a pool of identical boards without serial numbers. pyserial adds the
 * interface for a device with several ({@code 1-1.2:1.0}, as a CDC-ACM board has) where jSerialComm
 * names only the device ({@code 1-1.2}); a location with an interface matches a port listed without
 * one by its device part, and the other way round.
 *
 * <pre>{@code
 * String path = UsbSelector.parse("usb:vid=2e8a,pid=0005").resolve(PortLister.system());
 * }</pre>
 */
final class UsbSelector {

    static final String SCHEME = "usb:";
    private static final Set<String> KEYS = Set.of("vid", "pid", "serial", "manufacturer", "product", "location");

    private final String connection;
    private final Map<String, String> wanted;

    private UsbSelector(String connection, Map<String, String> wanted) {
        this.connection = connection;
        this.wanted = wanted;
    }

    /** Reads a {@code usb:} connection string, or says what is wrong with it. */
    public static UsbSelector parse(String connection) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String part : connection.substring(SCHEME.length()).split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int equals = part.indexOf('=');
            String key = equals < 0 ? part.strip() : part.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            if (equals < 0 || !KEYS.contains(key)) {
                throw new ConnectionException("'" + part.strip() + "' in " + connection + " is not one of vid=, pid=, "
                        + "serial=, manufacturer=, product=, location=. Example: usb:vid=2e8a,pid=0005");
            }
            String value = part.substring(equals + 1).strip();
            if ((key.equals("vid") || key.equals("pid")) && !value.matches("(?i)(0x)?[0-9a-f]{1,4}")) {
                throw new ConnectionException(key + "=" + value + " in " + connection + " is not a hexadecimal USB id "
                        + "such as 2e8a (lsusb shows them as vendor:product).");
            }
            wanted.put(key, value);
        }
        if (wanted.isEmpty()) {
            throw new ConnectionException(connection + " names no USB identity. Example: usb:vid=2e8a,pid=0005");
        }
        return new UsbSelector(connection, wanted);
    }

    /** The path of the one port that matches, or an exception listing what was found. */
    public String resolve(PortLister lister) {
        List<UsbPort> ports = lister.ports();
        List<UsbPort> matching = ports.stream().filter(this::matches).toList();
        if (matching.size() == 1) {
            return matching.get(0).path();
        }
        if (matching.isEmpty()) {
            throw new ConnectionException("No serial port matches " + connection + ". "
                    + (ports.isEmpty() ? "No serial ports were found at all: is the board plugged in?"
                            : "Ports found: " + list(ports) + "."));
        }
        throw new ConnectionException(matching.size() + " serial ports match " + connection + ": " + list(matching)
                + ". Add serial= (or product=, or location= for boards without serial numbers) to tell them apart.");
    }

    private static String list(List<UsbPort> ports) {
        return ports.stream().map(UsbPort::describe).collect(Collectors.joining("; "));
    }

    private boolean matches(UsbPort port) {
        return wanted.entrySet().stream().allMatch(entry -> switch (entry.getKey()) {
            case "vid" -> port.vendorId() == hex(entry.getValue());
            case "pid" -> port.productId() == hex(entry.getValue());
            case "serial" -> port.serialNumber().equalsIgnoreCase(entry.getValue());
            case "manufacturer" -> contains(port.manufacturer(), entry.getValue());
            case "location" -> sameLocation(port.location(), entry.getValue());
            default -> contains(port.product(), entry.getValue());
        });
    }

    /**
     * Equal, or equal in the device part ({@code 1-1.2} of {@code 1-1.2:1.0}) when only one of the
     * two names an interface. {@code 1-1.2} never matches {@code 1-1.20} or {@code 1-1.2.4}.
     */
    static boolean sameLocation(String listed, String wanted) {
        if (listed.isEmpty()) {
            return false;
        }
        if (listed.equalsIgnoreCase(wanted)) {
            return true;
        }
        boolean listedInterface = listed.indexOf(':') >= 0;
        boolean wantedInterface = wanted.indexOf(':') >= 0;
        return listedInterface != wantedInterface && device(listed).equalsIgnoreCase(device(wanted));
    }

    private static String device(String location) {
        int colon = location.indexOf(':');
        return colon < 0 ? location : location.substring(0, colon);
    }

    private static int hex(String id) {
        return Integer.parseInt(id.toLowerCase(Locale.ROOT).replaceFirst("^0x", ""), 16);
    }

    private static boolean contains(String text, String part) {
        return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }
}
