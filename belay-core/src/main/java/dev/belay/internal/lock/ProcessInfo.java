package dev.belay.internal.lock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the operating system says of a process named in a lock file: whether it still runs and its
 * command line. Reads {@code /proc} where there is one (Linux), else asks {@link ProcessHandle}.
 */
final class ProcessInfo {

    /** Longest command line shown in a message; a Surefire fork's class path runs to kilobytes. */
    static final int MAX_COMMAND_LINE = 300;
    /** Longest single argument shown; a class path is cut here. */
    static final int MAX_ARGUMENT = 60;
    private static final Path PROC = Path.of("/proc");

    private ProcessInfo() {}

    static long currentPid() {
        return ProcessHandle.current().pid();
    }

    /**
     * Whether {@code pid} is a running process. A zombie (ended, not yet reaped by its parent)
     * counts as ended: its locks are gone with it.
     */
    static boolean isAlive(long pid) {
        if (pid <= 0) {
            return false;
        }
        if (Files.isDirectory(PROC.resolve("self"))) {
            Path stat = PROC.resolve(Long.toString(pid)).resolve("stat");
            try {
                String text = Files.readString(stat, StandardCharsets.ISO_8859_1);
                // "PID (COMM) STATE ...": the command may hold spaces and parentheses, so read after the last ')'.
                String rest = text.substring(text.lastIndexOf(')') + 1).strip();
                return !rest.startsWith("Z") && !rest.startsWith("X");
            } catch (IOException | RuntimeException e) {
                return Files.isDirectory(stat.getParent());
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * The process's command line, arguments joined by spaces, cut to {@value #MAX_COMMAND_LINE}
     * characters; {@code "(command line unknown)"} when the system does not say.
     */
    static String commandLine(long pid) {
        Path cmdline = PROC.resolve(Long.toString(pid)).resolve("cmdline");
        String text = "";
        if (Files.isReadable(cmdline)) {
            try (InputStream in = Files.newInputStream(cmdline)) {
                text = join(new String(in.readNBytes(MAX_COMMAND_LINE * 16), StandardCharsets.UTF_8).split("\0"));
            } catch (IOException e) {
                text = "";
            }
        }
        if (text.isBlank()) {
            text = ProcessHandle.of(pid).flatMap(handle -> handle.info().commandLine()).orElse("");
        }
        return shorten(text.strip());
    }

    /**
     * The arguments joined by spaces, each longer than {@value #MAX_ARGUMENT} characters (a class
     * path) cut, so that what follows it (a JVM's main class and its arguments) still shows.
     */
    static String join(String[] arguments) {
        StringBuilder text = new StringBuilder();
        for (String argument : arguments) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(argument.length() <= MAX_ARGUMENT ? argument : argument.substring(0, MAX_ARGUMENT - 3) + "...");
        }
        return text.toString();
    }

    static String shorten(String text) {
        if (text.isEmpty()) {
            return "(command line unknown)";
        }
        return text.length() <= MAX_COMMAND_LINE ? text : text.substring(0, MAX_COMMAND_LINE - 3) + "...";
    }
}
