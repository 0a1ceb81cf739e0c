package dev.belay.internal.lock;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which processes have a device open, as {@code fuser} finds them: by the links in
 * {@code /proc/PID/fd}. For a port held by a program that writes no lock file, so that the message
 * can still name it. Sees only the processes this user may inspect (all of them as root).
 *
 * <pre>{@code
 * String who = PortUsers.describe(Path.of("/dev/ttyACM0")); // "process 4711 (picocom /dev/ttyACM0)"
 * }</pre>
 */
public final class PortUsers {

    private static final Path PROC = Path.of("/proc");
    private static final int MAX_NAMED = 3;

    private PortUsers() {}

    /**
     * The processes that have {@code device} open, for a message, or {@code "a process Belay cannot
     * see"} when none is found (another user's, or a system without {@code /proc}).
     */
    public static String describe(Path device) {
        List<Long> users = users(device);
        if (users.isEmpty()) {
            return "a process Belay cannot see";
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(users.size(), MAX_NAMED); i++) {
            text.append(i == 0 ? "" : ", ").append("process ").append(users.get(i)).append(" (")
                    .append(ProcessInfo.commandLine(users.get(i))).append(')');
        }
        return users.size() > MAX_NAMED ? text + " and " + (users.size() - MAX_NAMED) + " more" : text.toString();
    }

    static List<Long> users(Path device) {
        List<Long> users = new ArrayList<>();
        Path real;
        try {
            real = device.toRealPath();
        } catch (IOException e) {
            return users;
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                if (holds(process, real)) {
                    users.add(Long.parseLong(process.getFileName().toString()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc (not Linux), or it changed under us: name what was found.
        }
        return users;
    }

    private static boolean holds(Path process, Path device) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).equals(device)) {
                        return true;
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // A descriptor closed while we looked.
                }
            }
        } catch (IOException | RuntimeException e) {
            // Another user's process, or one that ended.
        }
        return false;
    }
}
