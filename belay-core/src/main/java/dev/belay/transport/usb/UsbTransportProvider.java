package dev.belay.transport.usb;

import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transport;
import dev.belay.transport.TransportProvider;
import dev.belay.transport.serial.SerialTransport;

/**
 * {@code usb:vid=..,pid=..}: the serial port of the board with that USB identity, looked up anew at
 * every connect and reconnect, so a board that comes back as {@code /dev/ttyACM1} is found.
 */
public final class UsbTransportProvider implements TransportProvider {

    private final PortLister lister;

    /** Looks ports up through jSerialComm. */
    public UsbTransportProvider() {
        this(PortLister.system());
    }

    /** Looks ports up through {@code lister}. */
    public UsbTransportProvider(PortLister lister) {
        this.lister = lister;
    }

    @Override
    public String describe() {
        return "usb:vid=2e8a,pid=0005[,serial=..] (a board by its USB identity)";
    }

    @Override
    public boolean accepts(String connection) {
        return connection.startsWith(UsbSelector.SCHEME);
    }

    @Override
    public Transport open(String connection, LinkOptions options) {
        String path = UsbSelector.parse(connection).resolve(lister);
        return SerialTransport.open(path, connection, options);
    }
}
