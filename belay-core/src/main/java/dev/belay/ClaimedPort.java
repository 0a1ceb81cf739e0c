package dev.belay;

import dev.belay.internal.lock.PortLock;
import dev.belay.transport.Deadline;
import dev.belay.transport.Transport;
import dev.belay.transport.Transports;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A board's pipe opened under its lock: the lock file first (so another Belay process waits instead
 * of failing on the port's own lock), then the port, tried again while a program that writes no
 * lock file (a terminal that only locks the port itself) holds it. Both waits share the lock
 * timeout.
 *
 * @param transport the open pipe
 * @param lock      the board's lock, held until the connection closes
 */
record ClaimedPort(Transport transport, PortLock lock) {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimedPort.class);
    /** How often a port held by a program without a lock file is tried again; the kernel tells no one when it lets go. */
    private static final Duration BUSY_PORT_POLL = Duration.ofMillis(200);

    /**
     * @throws BoardBusyException  when another process or device held the board for the whole lock timeout
     * @throws ConnectionException when the pipe cannot be opened
     */
    static ClaimedPort open(String connection, DeviceOptions options) {
        Deadline deadline = Deadline.after(options.lockTimeout());
        PortLock lock = PortLock.acquire(Transports.lockName(connection), connection, options.lockTimeout(),
                options.lockDirectory());
        try {
            return new ClaimedPort(openWhenFree(connection, options, deadline), lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Opens the pipe, trying again while a program that writes no lock file (a terminal that only
     * locks the port itself) holds the port, until the lock timeout's deadline.
     */
    private static Transport openWhenFree(String connection, DeviceOptions options, Deadline deadline) {
        boolean told = false;
        while (true) {
            try {
                return Transports.open(connection, options.linkOptions());
            } catch (BoardBusyException e) {
                if (deadline.hasPassed()) {
                    throw new BoardBusyException("Waited " + options.lockTimeout() + " for the board " + connection
                            + ". " + e.getMessage() + " Or allow more time with DeviceOptions.withLockTimeout "
                            + "(belay.lockTimeout in JUnit).");
                }
                if (!told) {
                    LOG.info("Waiting up to {} for the board {}: {}", options.lockTimeout(), connection, e.getMessage());
                    told = true;
                }
                try {
                    Thread.sleep(Math.min(BUSY_PORT_POLL.toMillis(), Math.max(1, deadline.remainingMillis())));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new BoardBusyException("Interrupted while waiting for the board " + connection + ". "
                            + e.getMessage());
                }
            }
        }
    }
}
