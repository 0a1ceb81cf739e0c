package dev.belay.virtual;

import dev.belay.BelayException;
import dev.belay.Device;
import dev.belay.DeviceOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The other JVM of {@link CrossProcessLockTest}: connects to the serial port {@code args[0]} with
 * the lock timeout {@code args[1]}, makes a call, holds the board until a line (or the end) arrives
 * on standard input, makes another call and closes. Exits 0 when all went well, 3 when connecting
 * or a call failed, printing the message.
 *
 * <pre>
 * java -cp CLASSPATH dev.belay.virtual.BoardHoldingProcess /tmp/belay-micropython-1/tty PT1M
 * </pre>
 */
public final class BoardHoldingProcess {

    private BoardHoldingProcess() {}

    public static void main(String[] args) throws IOException {
        DeviceOptions options = DeviceOptions.defaults().withLockTimeout(Duration.parse(args[1]));
        try (Device device = Device.connect(args[0], options)) {
            System.out.println("connected: " + device.eval("1 + 1"));
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            System.out.println("done: " + device.eval("2 + 2"));
        } catch (BelayException e) {
            System.out.println("failed: " + e.getMessage());
            System.exit(3);
        }
    }
}
