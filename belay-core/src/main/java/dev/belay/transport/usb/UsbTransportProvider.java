package dev.belay.transport.usb;

import dev.belay.transport.LinkOptions;
import dev.belay.transport.LockNames;
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
        return "usb:vid=2e8a,pid=0005[,serial=..][,location=1-1.2] (a board by its USB identity or port)";
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

    /**
     * The device of the port that matches now, as a plain path's lock names it, so that a test run
     * by USB identity and a terminal on the port exclude each other. A board that comes back on
     * reconnect under another name stays locked under the first.
     */
    @Override
    public String lockName(String connection) {
        return LockNames.device(UsbSelector.parse(connection).resolve(lister));
    }
}
