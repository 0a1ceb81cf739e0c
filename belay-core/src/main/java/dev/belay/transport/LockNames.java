package dev.belay.transport;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The names under which boards are locked across processes, for
 * {@link TransportProvider#lockName(String)}: a local port by the device it really is, a network
 * board by {@code HOST:PORT}. Two connection strings that reach the same board get the same name,
 * so a test run on {@code /dev/serial/by-id/usb-...} waits for a terminal on {@code /dev/ttyACM0}.
 *
 * <pre>{@code
 * LockNames.device("/dev/serial/by-id/usb-Raspberry_Pi_Pico_E66...-if00"); // "ttyACM0"
 * LockNames.device("/tmp/board/tty");                                    // "pts_5" (a socat link)
 * LockNames.hostPort("ws://192.168.1.5", 8266);                          // "192.168.1.5:8266"
 * }</pre>
 */
public final class LockNames {

    private LockNames() {}

    /**
     * The device a serial port path names, links resolved, as the path below {@code /dev/} with
     * each {@code /} turned into {@code _}: {@code /dev/ttyACM0} is {@code ttyACM0}, as minicom,
     * picocom and lockdev name it, and {@code /dev/pts/5} is {@code pts_5} (the base name {@code 5}
     * alone would say nothing). A path outside {@code /dev/} keeps its whole path the same way; a
     * Windows name ({@code COM3}) is itself. A path that does not exist is named as written, and
     * opening it will fail anyway.
     */
    public static String device(String path) {
        String real = path;
        try {
            real = Path.of(path).toRealPath().toString();
        } catch (IOException | InvalidPathException | SecurityException e) {
            // Not there (or not a path of this system): the open that follows says so.
        }
        String unix = real.replace('\\', '/');
        String below = unix.startsWith("/dev/") ? unix.substring("/dev/".length()) : unix.replaceFirst("^/+", "");
        return below.replace('/', '_');
    }

    /**
     * {@code HOST:PORT} of a URI-shaped connection string ({@code ws://host[:port]},
     * {@code rfc2217://host:port}, {@code socket://host:port}), with {@code defaultPort} when it
     * names none; the host in lower case. A string that is not a URI with a host is named as written.
     */
    public static String hostPort(String connection, int defaultPort) {
        try {
            URI uri = new URI(connection);
            if (uri.getHost() == null) {
                return connection;
            }
            return uri.getHost().toLowerCase(Locale.ROOT) + ":" + (uri.getPort() < 0 ? defaultPort : uri.getPort());
        } catch (URISyntaxException e) {
            return connection;
        }
    }
}
