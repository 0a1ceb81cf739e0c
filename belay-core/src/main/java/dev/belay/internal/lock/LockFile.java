package dev.belay.internal.lock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Objects;

/**
 * One UUCP/FHS lock file, {@code LCK..NAME}: the owner's PID as ten ASCII characters and a newline,
 * the file under an OS lock while the owner lives. Tools that check only the PID (minicom,
 * picocom) see a live owner; Belay's processes see the OS lock, which the kernel drops when its
 * owner dies however it dies, and take over a file whose PID is gone.
 *
 * <p>Java's {@link FileChannel#tryLock()} is a POSIX record lock ({@code fcntl}), which on Linux
 * does not conflict with {@code flock(2)} locks: a tool that only {@code flock}s the file is seen
 * through the PID it writes, not through its lock.
 */
final class LockFile {

    /** A lock file bigger than this is not one; reading stops there. */
    private static final int MAX_CONTENT = 64;
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path path;

    LockFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** What one try found. */
    sealed interface Attempt permits Taken, Busy, Changed {}

    /** The file is this process's: the OS lock is held and the file holds this PID. */
    static final class Taken implements Attempt {
        private final Path path;
        private final FileChannel channel;
        private final FileLock lock;
        private final Object fileKey;
        private final long replacedPid;

        private Taken(Path path, FileChannel channel, FileLock lock, Object fileKey, long replacedPid) {
            this.path = path;
            this.channel = channel;
            this.lock = lock;
            this.fileKey = fileKey;
            this.replacedPid = replacedPid;
        }

        /** The PID of an ended owner whose file was taken over, 0 when there was none. */
        long replacedPid() {
            return replacedPid;
        }

        /**
         * Removes the file, as the convention wants of an owner that is done, then drops the OS
         * lock. Removing it first makes a waiter that had opened it find, once it gets the lock,
         * that the path no longer names that file, and try again on the new one. Never throws.
         */
        void release() {
            try {
                if (Objects.equals(fileKey, key(path))) {
                    Files.deleteIfExists(path);
                }
            } catch (IOException e) {
                // The file stays; the next taker sees no OS lock on it and a PID that ended.
            }
            try {
                channel.close(); // releases the lock too
            } catch (IOException e) {
                // Closing a file we only wrote ten bytes to; the lock goes with the process at worst.
            }
        }
    }

    /**
     * Someone else has it: {@code pid} is the PID in the file (0 when it names none);
     * {@code osLocked} whether it holds the OS lock (a Belay process) or only its PID is alive (a
     * tool that writes lock files without an OS lock).
     */
    record Busy(long pid, boolean osLocked) implements Attempt {}

    /** The file was replaced while this try ran (its owner left); try again at once. */
    enum Changed implements Attempt { AGAIN }

    /**
     * Tries once to take the file for {@code ownPid}, without waiting. A file whose PID has ended
     * (a crashed owner, or a tool that left it behind) is taken over.
     *
     * @throws IOException when the file cannot be created, opened or written
     */
    Attempt tryTake(long ownPid) throws IOException {
        Object before = key(path);
        if (before == null) {
            create();
            return Changed.AGAIN;
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return Changed.AGAIN;
        } catch (AccessDeniedException e) {
            return notOurs(ownPid, e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very JVM through another channel
            }
            if (lock == null) {
                long pid = pidIn(readIfAllowed(channel));
                channel.close();
                return new Busy(pid, true);
            }
            Object after = key(path);
            if (!before.equals(after)) {
                channel.close();
                return Changed.AGAIN;
            }
            long pid = pidIn(read(channel));
            if (pid > 0 && pid != ownPid && ProcessInfo.isAlive(pid)) {
                channel.close();
                return new Busy(pid, false);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(content(ownPid).getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new Taken(path, channel, lock, after, pid > 0 && pid != ownPid ? pid : 0);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * A file this user may not write (another user's, in the sticky {@code /var/lock}): busy while
     * its PID runs; one left by an ended process cannot be taken over, and the message says so.
     */
    private Attempt notOurs(long ownPid, AccessDeniedException cause) throws IOException {
        long pid;
        try (InputStream in = Files.newInputStream(path)) {
            pid = pidIn(new String(in.readNBytes(MAX_CONTENT), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            pid = 0;
        }
        if (pid > 0 && pid != ownPid && ProcessInfo.isAlive(pid)) {
            return new Busy(pid, false);
        }
        throw new IOException("the lock file " + path + " was left by " + (pid > 0 ? "process " + pid
                + ", which has ended," : "a process") + " and this user may not replace it (" + cause.getMessage()
                + "). Remove it (sudo rm " + path + ")", cause);
    }

    private void create() throws IOException {
        try {
            if (POSIX) {
                // rw-r--r--, as minicom and lockdev create theirs; a umask only takes permissions away.
                FileAttribute<?> mode = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));
                Files.createFile(path, mode);
            } else {
                Files.createFile(path);
            }
        } catch (FileAlreadyExistsException e) {
            // Another process made it first; the next try opens theirs.
        }
    }

    /** The holder's content, or nothing where its lock forbids reading it (Windows locks are mandatory). */
    private static String readIfAllowed(FileChannel channel) {
        try {
            return read(channel);
        } catch (IOException e) {
            return "";
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_CONTENT);
        channel.read(buffer, 0);
        buffer.flip();
        return StandardCharsets.US_ASCII.decode(buffer).toString();
    }

    /** The file's identity (device and inode), or {@code null} when there is no file. */
    static Object key(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            Object key = attributes.fileKey();
            // Without inodes (Windows) creation time and size are the best identity there is.
            return key != null ? key : attributes.creationTime();
        } catch (IOException e) {
            return null;
        }
    }

    /** The file's content for {@code pid}: ten characters, right-aligned, and a newline ({@code "      4711\n"}). */
    static String content(long pid) {
        return String.format(Locale.ROOT, "%10d\n", pid);
    }

    /** The PID a lock file's text names, or 0 when it names none (empty, binary, garbage). */
    static long pidIn(String text) {
        String digits = text.strip();
        if (!digits.matches("\\d{1,10}")) {
            return 0;
        }
        return Long.parseLong(digits);
    }
}
