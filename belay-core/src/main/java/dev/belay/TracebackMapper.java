package dev.belay;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the board's tracebacks so that they point at the user's task sources: every task's
 * source is run as its own snippet, so {@code File "<stdin>", line 3, in read_sensor} means line 3
 * of the source that defined {@code read_sensor}. Frames of Belay's own helpers are dropped.
 */
final class TracebackMapper {

    /** Source run directly arrives as {@code <stdin>}; a large one staged on an old board, as {@code <string>}. */
    private static final Pattern FRAME = Pattern.compile("^  File \"<(?:stdin|string)>\", line (\\d+), in (\\S+)$");
    private static final Pattern HELPER_FRAME = Pattern.compile("^  File \"<stdin>\", line \\d+, in (_belay\\w*|<lambda>)$");

    /** Where a function was defined: the source's name for messages and its lines. */
    record Origin(String sourceName, List<String> lines) {}

    private final Map<String, Origin> functions = new ConcurrentHashMap<>();

    void defined(String function, Origin origin) {
        functions.put(function, origin);
    }

    /** Forgets every definition: the board was reset. */
    void clear() {
        functions.clear();
    }

    String map(String traceback) {
        StringBuilder out = new StringBuilder(traceback.length() + 64);
        for (String line : traceback.split("\n", -1)) {
            if (HELPER_FRAME.matcher(line).matches()) {
                continue;
            }
            Matcher frame = FRAME.matcher(line);
            Origin origin = frame.matches() ? functions.get(frame.group(2)) : null;
            if (origin == null) {
                out.append(line).append('\n');
                continue;
            }
            int number = Integer.parseInt(frame.group(1));
            out.append("  File \"").append(origin.sourceName()).append("\", line ").append(number)
                    .append(", in ").append(frame.group(2)).append('\n');
            if (number >= 1 && number <= origin.lines().size()) {
                out.append("    ").append(origin.lines().get(number - 1).strip()).append('\n');
            }
        }
        return out.toString().stripTrailing();
    }
}
