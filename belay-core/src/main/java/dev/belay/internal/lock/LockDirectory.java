package dev.belay.internal.lock;

import dev.belay.ConnectionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where lock files go: a directory the user chose, else {@code /var/lock} (where minicom, picocom
 * and ser2net look) when this user may write there, else {@code belay-locks} in
 * {@code java.io.tmpdir}, which only Belay processes with the same temporary directory share.
 *
 * @param path     the directory
 * @param fallback whether it is the temporary one because {@code /var/lock} could not be used
 */
record LockDirectory(Path path, boolean fallback) {

    static final Path SYSTEM = Path.of("/var/lock");

    /** {@code configured} when given (created if missing), else the first usable of the two. */
    static LockDirectory choose(Path configured) {
        return choose(configured, SYSTEM, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** With the system's directory and the temporary one given, for tests. */
    static LockDirectory choose(Path configured, Path system, Path temporary) {
        if (configured != null) {
            return new LockDirectory(create(configured), false);
        }
        if (Files.isDirectory(system) && Files.isWritable(system)) {
            return new LockDirectory(system, false);
        }
        return new LockDirectory(create(temporary.resolve("belay-locks")), true);
    }

    private static Path create(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ConnectionException("Cannot create the directory " + directory + " for board lock files: " + e
                    + ". Choose a writable one with DeviceOptions.withLockDirectory.", e);
        }
    }

    /** For messages: {@code /var/lock/LCK..ttyACM0}, saying why when it is the fallback. */
    String describe(Path file) {
        return fallback ? file + "; " + SYSTEM + " is not writable here, so only Belay processes see it" : file.toString();
    }
}
