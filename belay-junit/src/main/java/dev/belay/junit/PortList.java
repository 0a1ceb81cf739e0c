package dev.belay.junit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * A port setting read as the boards of a pool: connection strings separated by {@code ;}, e.g.
 * {@code /dev/ttyACM0; /dev/ttyACM1} or {@code virtual:micropython;virtual:micropython}.
 *
 * <p>Why {@code ;}: a comma belongs to {@code usb:vid=2e8a,pid=0005}, a space to
 * {@code usb:product=Pico W}, and neither a serial path, a {@code usb:}, {@code ws://} or
 * {@code virtual:} string holds a semicolon. An {@code exec:} command may (it runs in a shell), so a
 * value that starts with {@code exec:} stays one connection string whatever it holds, and a list
 * with an {@code exec:} later in it is refused rather than guessed at.
 */
final class PortList {

    static final String SEPARATOR = ";";
    private static final String EXEC = "exec:";
    /** A comma or whitespace followed by what looks like another connection string: a list with the wrong separator. */
    private static final Pattern WRONG_SEPARATOR = Pattern.compile("(?i)[,\\s]+([a-z][a-z0-9+.-]+:|/dev/|com\\d)");

    private PortList() {}

    /**
     * The pool's boards, in the order given, each with where it came from; one for a plain value.
     *
     * @throws ExtensionConfigurationException when an entry is empty, an {@code exec:} command is in
     *         a list, a real board is listed twice, or the value looks like a list with another separator
     */
    static List<Setting> parse(Setting port, String key) {
        String value = port.value().strip();
        if (value.startsWith(EXEC)) {
            return List.of(port);
        }
        String[] entries = value.split(SEPARATOR, -1);
        List<String> boards = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                throw invalid(port, key, "it has an empty entry. Separate the boards of a pool with ';', as in "
                        + "/dev/ttyACM0;/dev/ttyACM1, with nothing else between two of them");
            }
            if (entries.length > 1 && entry.startsWith(EXEC)) {
                throw invalid(port, key, "an exec: command cannot be one board of a list, since its own text may "
                        + "hold ';'. Wrap the commands in scripts and give each a board name of its own, or use a "
                        + "serial server (rfc2217://, socket://) for each board");
            }
            if (WRONG_SEPARATOR.matcher(entry).find()) {
                throw invalid(port, key, "it looks like several connection strings separated by a comma or a space. "
                        + "Separate the boards of a pool with ';', as in /dev/ttyACM0;/dev/ttyACM1");
            }
            if (!seen.add(entry) && !entry.startsWith("virtual:")) {
                throw invalid(port, key, "it lists " + entry + " twice. Each board of a pool is a board of its own; "
                        + "only a virtual: string starts a new software board each time it is listed");
            }
            boards.add(entry);
        }
        if (boards.size() == 1) {
            return List.of(new Setting(boards.get(0), port.source()));
        }
        List<Setting> members = new ArrayList<>();
        for (int i = 0; i < boards.size(); i++) {
            members.add(new Setting(boards.get(i), "board " + (i + 1) + " of " + boards.size() + " in " + port.source()));
        }
        return List.copyOf(members);
    }

    private static ExtensionConfigurationException invalid(Setting port, String key, String why) {
        return new ExtensionConfigurationException("The board list " + key + " is '" + port.value() + "' (from "
                + port.source() + "), but " + why + ".");
    }
}
