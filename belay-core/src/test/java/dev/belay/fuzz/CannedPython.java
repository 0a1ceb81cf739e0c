package dev.belay.fuzz;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python of the hostile board: not an interpreter, but the few answers the fuzz test asks for,
 * given the way belay_helpers.py would frame them. It keeps the state a real board keeps between
 * commands (whether the helpers are installed and with which nonce, the functions defined, the
 * generators handed out) and loses it on a reset, so that Belay's restore is exercised for real.
 *
 * <pre>{@code
 * CannedPython python = new CannedPython();
 * python.run(helperSource);                    // installs the helpers, learns the nonce
 * python.run("_belay_run(lambda: (1 + 1\n))"); // a call frame with kind R, payload 2
 * }</pre>
 */
final class CannedPython {

    /** The nonce as the helper source spells it: {@code '\x1e_belay_<nonce>'}, escaped or not. */
    private static final Pattern NONCE = Pattern.compile("(?:\\\\x1e|\u001e)_belay_(\\w+)");
    private static final Pattern DEFINITION = Pattern.compile("(?m)^def\\s+([A-Za-z_]\\w*)\\s*\\(");
    private static final Pattern LAMBDA = Pattern.compile("(?s)_belay_run\\(\\s*lambda\\s*:\\s*(.*)\\)\\s*$");
    private static final Pattern FUNCTION_CALL = Pattern.compile("(?s)([A-Za-z_]\\w*)\\((.*)\\)");
    private static final Pattern POP = Pattern.compile("_belay_g\\.pop\\((\\d+)");
    private static final Map<String, String> VALUES = Map.of(
            "1 + 1", "2",
            "[1, 'two', 3.5, None, True]", "[1, 'two', 3.5, None, True]",
            "'text'", "'text'");

    private String nonce;
    private final Set<String> functions = new HashSet<>();
    private final Map<Long, Integer> generators = new HashMap<>();
    private final Map<Long, Integer> generatorEnds = new HashMap<>();
    private long lastGenerator;

    /** A reset (soft or hard): the globals and with them the helpers are gone. */
    void reset() {
        nonce = null;
        functions.clear();
        generators.clear();
        generatorEnds.clear();
        lastGenerator = 0;
    }

    /** Runs one command and answers as the board would, from the byte after {@code OK} to the prompt. */
    BoardAnswer run(String code) {
        Matcher nonceInCode = NONCE.matcher(code);
        if (code.contains("def _belay_run") && nonceInCode.find()) {
            nonce = nonceInCode.group(1);
            return BoardAnswer.ran("", "");
        }
        Matcher call = LAMBDA.matcher(code.strip());
        if (code.contains("_belay_run(") && call.find()) {
            if (nonce == null) {
                return BoardAnswer.notRun(nameError("_belay_run", "<module>"));
            }
            return answerCall(unwrap(call.group(1)));
        }
        Matcher pop = POP.matcher(code);
        if (pop.find()) {
            if (nonce == null) {
                return BoardAnswer.ran("", nameError("_belay_g", "<module>"));
            }
            generators.remove(Long.parseLong(pop.group(1)));
            return BoardAnswer.ran("", "");
        }
        Matcher definition = DEFINITION.matcher(code);
        while (definition.find()) {
            functions.add(definition.group(1));
        }
        if (code.strip().equals("print('hello')")) {
            return BoardAnswer.ran("hello\r\n", "");
        }
        return BoardAnswer.ran("", "");
    }

    /** {@code (1 + 1\n)} as Device.eval wraps it becomes {@code 1 + 1}. */
    private static String unwrap(String expression) {
        String inner = expression.strip();
        if (inner.startsWith("(") && inner.endsWith(")") && expression.contains("\n")) {
            inner = inner.substring(1, inner.length() - 1).strip();
        }
        return inner;
    }

    private BoardAnswer answerCall(String expression) {
        String marker = "\u001e_belay_" + nonce;
        if (expression.equals("None")) {
            return BoardAnswer.called(marker, 'R', "None");
        }
        if (VALUES.containsKey(expression)) {
            return BoardAnswer.called(marker, 'R', VALUES.get(expression));
        }
        if (expression.equals("1/0")) {
            return BoardAnswer.called(marker, 'E', "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, "
                    + "in <lambda>\r\nZeroDivisionError: divide by zero\r\n");
        }
        Matcher function = FUNCTION_CALL.matcher(expression);
        if (!function.matches()) {
            return BoardAnswer.called(marker, 'E', nameError(expression, "<lambda>"));
        }
        String name = function.group(1);
        String[] args = function.group(2).split(",\\s*");
        if (name.equals("_belay_next")) {
            return next(marker, Long.parseLong(args[0].strip()));
        }
        if (name.equals("_belay_has")) {
            return BoardAnswer.called(marker, 'R', "False");
        }
        if (!functions.contains(name)) {
            return BoardAnswer.called(marker, 'E', nameError(name, "<lambda>"));
        }
        if (name.equals("add")) {
            return BoardAnswer.called(marker, 'R', String.valueOf(Long.parseLong(args[0].strip()) + Long.parseLong(args[1].strip())));
        }
        if (name.equals("count")) {
            long id = ++lastGenerator;
            generators.put(id, 0);
            generatorEnds.put(id, Integer.parseInt(args[0].strip()));
            return BoardAnswer.called(marker, 'G', String.valueOf(id));
        }
        return BoardAnswer.called(marker, 'R', "None");
    }

    private BoardAnswer next(String marker, long id) {
        Integer position = generators.get(id);
        if (position == null) {
            return BoardAnswer.called(marker, 'E', "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, "
                    + "in <lambda>\r\nKeyError: " + id + "\r\n");
        }
        if (position >= generatorEnds.get(id)) {
            generators.remove(id);
            return BoardAnswer.called(marker, 'S', "");
        }
        generators.put(id, position + 1);
        return BoardAnswer.called(marker, 'R', String.valueOf(position));
    }

    private static String nameError(String name, String where) {
        return "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in " + where + "\r\nNameError: name '"
                + name + "' isn't defined\r\n";
    }
}
