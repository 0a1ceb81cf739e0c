package dev.belay.internal.lock;

import dev.belay.BoardBusyException;
import dev.belay.ConnectionException;
import dev.belay.transport.Deadline;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A board held against other processes and other devices of this one, from before its port is
 * opened until the device closes: the lock file {@code LCK..NAME} of {@link LockFile}. A board in
 * use is waited for, polling, up to the lock timeout; then {@link BoardBusyException} names the
 * holder's PID and command line.
 *
 * <pre>{@code
 * try (PortLock lock = PortLock.acquire("ttyACM0", "/dev/ttyACM0", Duration.ofMinutes(5), null)) {
 *     // open the port, use the board
 * }
 * }</pre>
 */
public final class PortLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortLock.class);
    private static final long POLL_MILLIS = 100;
    private static final PortLock NONE = new PortLock(null, null);
    /**
     * Lock files this JVM holds or is trying, with the thread that took each: a process must not
     * open its own lock file twice, and a thread that waits for a board it holds itself would wait
     * for nothing.
     */
    private static final Map<Path, Thread> HERE = new HashMap<>();

    private final Path file;
    private final LockFile.Taken taken;
    private boolean released;

    private PortLock(Path file, LockFile.Taken taken) {
        this.file = file;
        this.taken = taken;
    }

    /** A lock that locks nothing, for boards no other process can share. */
    public static PortLock none() {
        return NONE;
    }

    /**
     * Takes the lock {@code name}, waiting up to {@code timeout} while another process or device
     * holds it; an empty name locks nothing.
     *
     * @param name      the lock's name, from {@link dev.belay.transport.Transports#lockName}
     * @param board     the connection string, for messages
     * @param directory where lock files go, {@code null} for {@code /var/lock} (or the temporary fallback)
     * @throws BoardBusyException  when the board is still held at the deadline
     * @throws ConnectionException when the lock file cannot be used at all
     */
    public static PortLock acquire(String name, String board, Duration timeout, Path directory) {
        if (name.isEmpty()) {
            return NONE;
        }
        LockDirectory where = LockDirectory.choose(directory);
        // The real path: two spellings of one directory (/var/lock and /run/lock) must be one key
        // of this JVM's own table, or a second channel on the file would drop the first one's lock.
        LockFile lockFile = new LockFile(realPath(where.path()).resolve("LCK.." + fileName(name)));
        Deadline deadline = Deadline.after(timeout);
        long ownPid = ProcessInfo.currentPid();
        boolean told = false;
        int changes = 0;
        while (true) {
            LockFile.Attempt attempt = tryOnce(lockFile, ownPid, board, where);
            if (attempt instanceof LockFile.Taken taken) {
                if (taken.replacedPid() > 0) {
                    LOG.info("Took over the lock {} of the board {} from process {}, which has ended",
                            where.describe(lockFile.path()), board, taken.replacedPid());
                }
                return new PortLock(lockFile.path(), taken);
            }
            if (attempt == LockFile.Changed.AGAIN && ++changes % 10 != 0) {
                continue; // the owner just left; a file that keeps changing is polled like a busy one
            }
            LockFile.Busy busy = attempt instanceof LockFile.Busy b ? b : new LockFile.Busy(0, true);
            if (deadline.hasPassed()) {
                throw busy(board, where.describe(lockFile.path()), timeout, holder(busy, ownPid), busy, ownPid);
            }
            if (!told) {
                LOG.info("Waiting up to {} for the board {} (lock file {}): {} holds it", timeout, board,
                        where.describe(lockFile.path()), holder(busy, ownPid));
                told = true;
            }
            pause(Math.min(POLL_MILLIS, Math.max(1, deadline.remainingMillis())), board, lockFile.path());
        }
    }

    private static Path realPath(Path directory) {
        try {
            return directory.toRealPath();
        } catch (IOException e) {
            return directory.toAbsolutePath().normalize();
        }
    }

    /** One try, or {@link LockFile.Busy} naming this process when another of its devices holds the file. */
    private static LockFile.Attempt tryOnce(LockFile lockFile, long ownPid, String board, LockDirectory where) {
        synchronized (HERE) {
            Thread owner = HERE.putIfAbsent(lockFile.path(), Thread.currentThread());
            if (owner == Thread.currentThread()) {
                throw new BoardBusyException("The board " + board + " is already open in this thread through another "
                        + "Device (lock file " + where.describe(lockFile.path()) + "). Use that Device, or close it "
                        + "before connecting again.");
            }
            if (owner != null) {
                return new LockFile.Busy(ownPid, true);
            }
        }
        LockFile.Attempt attempt;
        try {
            attempt = lockFile.tryTake(ownPid);
        } catch (IOException | RuntimeException e) {
            forget(lockFile.path());
            throw new ConnectionException("Cannot lock the board " + board + " with the lock file "
                    + where.describe(lockFile.path()) + ": " + e.getMessage() + ". Choose another directory with "
                    + "DeviceOptions.withLockDirectory if this one is not usable.", e);
        }
        if (!(attempt instanceof LockFile.Taken)) {
            forget(lockFile.path());
        }
        return attempt;
    }

    private static void forget(Path path) {
        synchronized (HERE) {
            HERE.remove(path);
            HERE.notifyAll();
        }
    }

    private static void pause(long millis, String board, Path file) {
        synchronized (HERE) {
            try {
                // A device of this process that lets go wakes the waiters at once; other processes are polled.
                HERE.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BoardBusyException("Interrupted while waiting for the board " + board + " (lock file " + file
                        + ").");
            }
        }
    }

    static String holder(LockFile.Busy busy, long ownPid) {
        if (busy.pid() == ownPid) {
            return "another connection of this process (PID " + ownPid + ")";
        }
        if (busy.pid() <= 0) {
            return "another process (its lock file names no PID)";
        }
        return "process " + busy.pid() + " (" + ProcessInfo.commandLine(busy.pid()) + ")"
                + (busy.osLocked() ? "" : ", whose PID is in the lock file,");
    }

    private static BoardBusyException busy(String board, String file, Duration timeout, String holder,
            LockFile.Busy busy, long ownPid) {
        String remedy;
        if (busy.pid() == ownPid) {
            remedy = "Close the other Device on this board first, or allow more time with DeviceOptions.withLockTimeout "
                    + "(belay.lockTimeout in JUnit).";
        } else {
            remedy = "If it legitimately takes this long, allow more time with DeviceOptions.withLockTimeout "
                    + "(belay.lockTimeout in JUnit); if it is stuck, end it" + (busy.pid() > 0 ? " (kill " + busy.pid() + ")" : "")
                    + ".";
        }
        return new BoardBusyException("Waited " + timeout + " for the board " + board + " (lock file " + file + "), but "
                + holder + " still holds it. " + remedy);
    }

    /** {@code LCK..} followed by the name with every character a file name may not hold as {@code _}. */
    static String fileName(String name) {
        String allowed = File.separatorChar == '\\' ? "[^A-Za-z0-9._-]" : "[^A-Za-z0-9._:-]";
        return name.replaceAll(allowed, "_");
    }

    /** The lock file, {@code null} for {@link #none()}. */
    public Path file() {
        return file;
    }

    /** Lets go: removes the file and drops the OS lock. Closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (taken == null || released) {
            return;
        }
        released = true;
        taken.release();
        forget(file);
    }
}
