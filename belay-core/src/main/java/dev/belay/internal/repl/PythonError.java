package dev.belay.internal.repl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exception text a board printed, split into type, message and the whole traceback.
 *
 * <p>The last unindented line that starts with a (dotted) identifier and a colon, or is a bare
 * identifier, names the exception; lines after it continue a multi-line message. A MemoryError on
 * a small board comes without any "Traceback" line and parses the same way.
 *
 * <pre>{@code
 * PythonError e = PythonError.parse("Traceback ...\n  File \"<stdin>\", line 1\nOSError: [Errno 2] ENOENT\n");
 * e.type();    // "OSError"
 * e.message(); // "[Errno 2] ENOENT"
 * }</pre>
 */
public record PythonError(String type, String message, String traceback) {

    private static final Pattern HEADLINE =
            Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)(?::(?: (.*)|$)|$)");

    /** Parses the exception text of a raw REPL reply; line ends become {@code \n}. */
    public static PythonError parse(String errorText) {
        String traceback = errorText.replace("\r\n", "\n").stripTrailing();
        String[] lines = traceback.split("\n", -1);
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i];
            if (line.startsWith("Traceback (most recent call last)") || line.startsWith(" ")) {
                continue;
            }
            Matcher headline = HEADLINE.matcher(line);
            if (headline.find() && startsTheMessage(lines, i)) {
                StringBuilder message = new StringBuilder(headline.group(2) == null ? "" : headline.group(2));
                for (int j = i + 1; j < lines.length; j++) {
                    message.append('\n').append(lines[j]);
                }
                return new PythonError(headline.group(1), message.toString().strip(), traceback);
            }
        }
        return new PythonError("UnknownError", traceback.strip(), traceback);
    }

    /** The headline follows the traceback's indented lines, or the text has no traceback at all. */
    private static boolean startsTheMessage(String[] lines, int index) {
        if (index == 0) {
            return true;
        }
        String previous = lines[index - 1];
        return previous.startsWith(" ") || previous.startsWith("Traceback (most recent call last)");
    }
}
