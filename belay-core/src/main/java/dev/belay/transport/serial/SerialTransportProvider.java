package dev.belay.transport.serial;

import dev.belay.transport.LinkOptions;
import dev.belay.transport.LockNames;
import dev.belay.transport.Transport;
import dev.belay.transport.Transports;
import java.util.regex.Pattern;

/** Takes every connection string without a scheme as the name of a serial port. */
public final class SerialTransportProvider implements Transports.FallbackProvider {

    /** A scheme is two or more letters and a colon, so that {@code C:\...} stays a path. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

    @Override
    public String describe() {
        return "a serial port such as /dev/ttyACM0, /dev/ttyUSB0 or COM3";
    }

    @Override
    public boolean accepts(String connection) {
        return !SCHEME.matcher(connection).find();
    }

    @Override
    public Transport open(String connection, LinkOptions options) {
        return SerialTransport.open(connection, options);
    }

    /** The device the path names, links resolved: {@code ttyACM0}, or {@code pts_5} for a socat link. */
    @Override
    public String lockName(String connection) {
        return LockNames.device(connection);
    }
}
