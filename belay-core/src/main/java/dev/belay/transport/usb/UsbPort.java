package dev.belay.transport.usb;

import java.util.Locale;

/**
 * A serial port and the USB identity of the device behind it, as the operating system reports it.
 *
 * @param path         the port's path, e.g. {@code /dev/ttyACM0} or {@code COM3}
 * @param vendorId     the USB vendor id, -1 when unknown (not a USB port)
 * @param productId    the USB product id, -1 when unknown
 * @param serialNumber the USB serial number, empty when unknown
 * @param manufacturer the manufacturer string, empty when unknown
 * @param product      the product string (port description), empty when unknown
 */
record UsbPort(String path, int vendorId, int productId, String serialNumber, String manufacturer, String product) {

    /** One line for messages: {@code /dev/ttyACM0 (vid=2e8a pid=0005 serial=E66... "Raspberry Pi" "Board CDC")}. */
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
        return text.append(')').toString();
    }
}
