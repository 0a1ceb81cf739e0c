package dev.belay.transport;

import java.util.List;

/**
 * The system shell running a command line, as {@code exec:} connections and reset commands run
 * theirs: {@code /bin/sh -c}, or {@code cmd.exe /c} on Windows.
 *
 * <pre>{@code
 * new ProcessBuilder(SystemShell.command("uhubctl -a cycle -l 1-1 -p 2")).start();
 * }</pre>
 */
public final class SystemShell {

    private SystemShell() {}

    /** The program and arguments that run {@code commandLine} in the system shell. */
    public static List<String> command(String commandLine) {
        return System.getProperty("os.name", "").startsWith("Windows") ? List.of("cmd.exe", "/c", commandLine)
                : List.of("/bin/sh", "-c", commandLine);
    }
}
