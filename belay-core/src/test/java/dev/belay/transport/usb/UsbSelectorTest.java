package dev.belay.transport.usb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.ConnectionException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsbSelectorTest {

    private static final UsbPort PICO = new UsbPort("/dev/ttyACM0", 0x2e8a, 0x0005, "E6614C311B4F", "MicroPython", "Board in FS mode");
    private static final UsbPort PICO_TWO = new UsbPort("/dev/ttyACM1", 0x2e8a, 0x0005, "E6614C3122AA", "MicroPython", "Board in FS mode");
    private static final UsbPort ESP32 = new UsbPort("/dev/ttyUSB0", 0x10c4, 0xea60, "0001", "Silicon Labs", "CP2102 USB to UART");
    private static final UsbPort BUILTIN = new UsbPort("/dev/ttyS0", -1, -1, "", "", "");

    /** Two devkits of one kind whose USB bridge has no serial number, in ports 2 and 3 of a hub on port 1. */
    private static final UsbPort DEVKIT_LEFT = new UsbPort("/dev/ttyUSB0", 0x1a86, 0x7523, "", "", "USB Serial", "1-1.2");
    private static final UsbPort DEVKIT_RIGHT = new UsbPort("/dev/ttyUSB1", 0x1a86, 0x7523, "", "", "USB Serial", "1-1.3");

    private static String resolve(String connection, UsbPort... ports) {
        return UsbSelector.parse(connection).resolve(() -> List.of(ports));
    }

    @Test
    void vendorAndProductFindTheOneBoard() {
        assertThat(resolve("usb:vid=2e8a,pid=0005", PICO, ESP32, BUILTIN)).isEqualTo("/dev/ttyACM0");
    }

    @Test
    void idsAreHexAndCaseDoesNotMatter() {
        assertThat(resolve("usb:VID=10C4,pid=0xEA60", PICO, ESP32)).isEqualTo("/dev/ttyUSB0");
    }

    @Test
    void serialTellsTwoBoardsOfOneKindApart() {
        assertThat(resolve("usb:vid=2e8a,pid=0005,serial=e6614c3122aa", PICO, PICO_TWO)).isEqualTo("/dev/ttyACM1");
    }

    @Test
    void productAndManufacturerMatchAsSubstrings() {
        assertThat(resolve("usb:manufacturer=silicon,product=cp2102", PICO, ESP32)).isEqualTo("/dev/ttyUSB0");
    }

    @Test
    void noMatchListsThePortsThereAre() {
        assertThatThrownBy(() -> resolve("usb:vid=239a,pid=80f4", PICO, BUILTIN))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("No serial port matches usb:vid=239a,pid=80f4. Ports found: /dev/ttyACM0 (vid=2e8a "
                        + "pid=0005 serial=E6614C311B4F manufacturer=\"MicroPython\" product=\"Board in FS mode\"); "
                        + "/dev/ttyS0 (no USB identity).");
    }

    @Test
    void noPortsAtAllIsSaidSo() {
        assertThatThrownBy(() -> resolve("usb:vid=2e8a"))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("No serial port matches usb:vid=2e8a. No serial ports were found at all: is the board "
                        + "plugged in?");
    }

    @Test
    void severalMatchesAreListedWithTheWayToPickOne() {
        assertThatThrownBy(() -> resolve("usb:vid=2e8a,pid=0005", PICO, PICO_TWO))
                .isInstanceOf(ConnectionException.class)
                .hasMessageStartingWith("2 serial ports match usb:vid=2e8a,pid=0005: /dev/ttyACM0 ")
                .hasMessageEndingWith(". Add serial= (or product=, or location= for boards without serial numbers) to tell them "
                        + "apart.");
    }

    @Test
    void anUnknownKeyIsRefusedWithTheKeysThereAre() {
        assertThatThrownBy(() -> UsbSelector.parse("usb:vendor=2e8a"))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("'vendor=2e8a' in usb:vendor=2e8a is not one of vid=, pid=, serial=, manufacturer=, "
                        + "product=, location=. Example: usb:vid=2e8a,pid=0005");
    }

    @Test
    void anIdThatIsNotHexIsRefused() {
        assertThatThrownBy(() -> UsbSelector.parse("usb:vid=pico"))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("vid=pico in usb:vid=pico is not a hexadecimal USB id such as 2e8a (lsusb shows them as "
                        + "vendor:product).");
    }

    @Test
    void theProviderOpensTheResolvedPortUnderTheUsbName() {
        UsbTransportProvider provider = new UsbTransportProvider(() -> List.of(new UsbPort("/dev/ttyACM77", 1, 2, "", "", "")));
        assertThatThrownBy(() -> provider.open("usb:vid=1,pid=2", dev.belay.transport.LinkOptions.defaults()))
                .isInstanceOf(ConnectionException.class)
                .hasMessageStartingWith("No serial port at /dev/ttyACM77");
    }

    @Test
    void locationTellsIdenticalBoardsWithoutSerialNumbersApart() {
        assertThat(resolve("usb:vid=1a86,pid=7523,location=1-1.3", DEVKIT_LEFT, DEVKIT_RIGHT)).isEqualTo("/dev/ttyUSB1");
        assertThat(resolve("usb:location=1-1.2", DEVKIT_LEFT, DEVKIT_RIGHT)).isEqualTo("/dev/ttyUSB0");
    }

    @Test
    void aLocationWithPyserialsInterfacePartMatchesThePortsDevice() {
        assertThat(resolve("usb:location=1-1.3:1.0", DEVKIT_LEFT, DEVKIT_RIGHT)).isEqualTo("/dev/ttyUSB1");
    }

    @Test
    void aLocationIsAWholePortPathNotAPrefix() {
        UsbPort behindAnotherHub = new UsbPort("/dev/ttyUSB2", 0x1a86, 0x7523, "", "", "USB Serial", "1-1.2.4");
        assertThat(resolve("usb:location=1-1.2", behindAnotherHub, DEVKIT_LEFT)).isEqualTo("/dev/ttyUSB0");
        assertThat(UsbSelector.sameLocation("1-1.20", "1-1.2")).isFalse();
        assertThat(UsbSelector.sameLocation("1-1.2:1.1", "1-1.2:1.0")).isFalse();
    }

    @Test
    void identicalBoardsAreListedWithTheirLocations() {
        assertThatThrownBy(() -> resolve("usb:vid=1a86,pid=7523", DEVKIT_LEFT, DEVKIT_RIGHT))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("2 serial ports match usb:vid=1a86,pid=7523: /dev/ttyUSB0 (vid=1a86 pid=7523 product=\"USB "
                        + "Serial\" location=1-1.2); /dev/ttyUSB1 (vid=1a86 pid=7523 product=\"USB Serial\" location=1-1.3). "
                        + "Add serial= (or product=, or location= for boards without serial numbers) to tell them apart.");
    }

    @Test
    void aLocationNoPortIsInListsEachPortWithItsLocation() {
        assertThatThrownBy(() -> resolve("usb:location=2-4", DEVKIT_LEFT, DEVKIT_RIGHT))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("No serial port matches usb:location=2-4. Ports found: /dev/ttyUSB0 (vid=1a86 pid=7523 "
                        + "product=\"USB Serial\" location=1-1.2); /dev/ttyUSB1 (vid=1a86 pid=7523 product=\"USB Serial\" "
                        + "location=1-1.3).");
    }
}
