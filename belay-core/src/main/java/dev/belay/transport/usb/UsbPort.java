package dev.belay.transport.usb;

import java.util.Locale;

/**
 * A serial port and the USB identity of the device behind it, as the operating system reports it.
 * The location tells apart identical boards without serial numbers: it is the physical port they
 * are plugged into, the same as long as the cable stays in the same hub socket.
 *
 * @param path         the port's path, e.g. {@code /dev/ttyACM0} or {@code COM3}
 * @param vendorId     the USB vendor id, -1 when unknown (not a USB port)
 * @param productId    the USB product id, -1 when unknown
 * @param serialNumber the USB serial number, empty when unknown
 * @param manufacturer the manufacturer string, empty when unknown
 * @param product      the product string (port description), empty when unknown
 * @param location     the physical USB port, bus and hub ports as Linux's sysfs names the device
 *                     ({@code 1-1.2}: bus 1, root port 1, hub port 2), empty when unknown
 */
record UsbPort(String path, int vendorId, int productId, String serialNumber, String manufacturer, String product,
        String location) {

    /** A port whose location is not known. */
    UsbPort(String path, int vendorId, int productId, String serialNumber, String manufacturer, String product) {
        this(path, vendorId, productId, serialNumber, manufacturer, product, "");
    }

    /**
     * One line for messages:
     * {@code /dev/ttyACM0 (vid=2e8a pid=0005 serial=E66... manufacturer="Raspberry Pi" product="Board CDC" location=1-1.2)}.
     */
    public String describe() {
        StringBuilder text = new StringBuilder(path).append(" (");
        if (vendorId < 0) {
            text.append("no USB identity");
        } else {
            text.append(String.format(Locale.ROOT, "vid=%04x pid=%04x", vendorId, productId));
        }
        if (!serialNumber.isEmpty()) {
            text.append(" serial=").append(serialNumber);
        }
        if (!manufacturer.isEmpty()) {
            text.append(" manufacturer=\"").append(manufacturer).append('"');
        }
        if (!product.isEmpty()) {
            text.append(" product=\"").append(product).append('"');
        }
        if (!location.isEmpty()) {
            text.append(" location=").append(location);
        }
        return text.append(')').toString();
    }
}
