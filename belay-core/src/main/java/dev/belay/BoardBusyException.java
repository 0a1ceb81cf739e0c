package dev.belay;

/**
 * A board stayed in use longer than the lock timeout allows: another process holds its lock (a
 * second test run, another JVM fork, a serial terminal); or, in the JUnit extension, another test
 * of this run holds the board, or every board of a pool is leased by other test classes. The
 * message names the holder (or the classes) and what to do:
 *
 * <pre>
 * Waited PT5M for the board /dev/ttyACM0 (lock file /var/lock/LCK..ttyACM0), but process 4711
 * (java -jar surefirebooter.jar ...) still holds it. If it legitimately takes this long, allow more
 * time with DeviceOptions.withLockTimeout (belay.lockTimeout in JUnit); if it is stuck, end it
 * (kill 4711).
 * </pre>
 *
 * <pre>{@code
 * Device.connect("/dev/ttyACM0", DeviceOptions.defaults().withLockTimeout(Duration.ofMinutes(1)));
 * }</pre>
 */
public class BoardBusyException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    public BoardBusyException(String message) {
        super(message);
    }
}
