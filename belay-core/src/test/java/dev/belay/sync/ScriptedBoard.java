package dev.belay.sync;

import dev.belay.DeviceException;
import dev.belay.value.PythonValueParser;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A board in Java that knows only the helpers it was sent: a call of a name no definition it ran
 * made raises NameError, as MicroPython does. Its files live in a map; its firmware has os.stat
 * (and folders) and os.rename as told, never hashlib or a binascii in C.
 */
final class ScriptedBoard implements SyncTarget {

    private static final Pattern DEFINITION = Pattern.compile("def |import |try:|_belay\\w*(, _belay\\w*)* = ");
    private static final Pattern CALL = Pattern.compile("(?s)(_belay\\w+)\\((.*)\\)");

    final boolean stat;
    final boolean rename;
    final Map<String, byte[]> files = new TreeMap<>();
    final Set<String> defined = new HashSet<>();
    final List<String> calls = new ArrayList<>();
    /** What {@link #answers} returns to let the board answer. */
    static final Object BOARD = new Object();
    /** Answers an expression in the board's place (null included) unless it returns {@link #BOARD}. */
    Function<String, Object> answers = expression -> BOARD;
    private final ByteArrayOutputStream open = new ByteArrayOutputStream();
    private String openPath;

    ScriptedBoard(boolean stat, boolean rename) {
        this.stat = stat;
        this.rename = rename;
    }

    ScriptedBoard withFile(String path, String content) {
        files.put(path, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return this;
    }

    String file(String path) {
        return new String(files.get(path), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void exec(String code) {
        if (code.startsWith("del ")) {
            for (String name : code.substring(4).split(", ")) {
                defined.remove(name.strip());
            }
            return;
        }
        if (DEFINITION.matcher(code).lookingAt()) {
            defined.addAll(HelperSource.definedNames(code));
            return;
        }
        for (String line : code.lines().toList()) {
            if (!line.equals("_belay_gc.collect()")) {
                call(line);
            }
        }
    }

    @Override
    public Object eval(String expression) {
        Object scripted = answers.apply(expression);
        if (scripted != BOARD) {
            return scripted;
        }
        if (expression.equals(BoardFiles.FOLDERS_PROBE)) {
            return stat;
        }
        if (expression.equals("_belay_p")) {
            known("_belay_p");
            return (long) open.size();
        }
        return call(expression);
    }

    private Object call(String code) {
        Matcher call = CALL.matcher(code);
        if (!call.matches()) {
            throw new AssertionError("not a helper call: " + code);
        }
        String name = call.group(1);
        known(name);
        calls.add(name);
        List<?> args = (List<?>) PythonValueParser.parse("(" + call.group(2) + ",)");
        switch (name) {
            case "_belay_tree" -> {
                List<Object> entries = new ArrayList<>();
                files.forEach((path, content) -> entries.add(List.of(path, (long) content.length,
                        ContentHash.of(content, false))));
                return List.of(List.of(stat, rename, false, false), entries);
            }
            case "_belay_ls" -> {
                StringBuilder page = new StringBuilder();
                files.forEach((path, content) -> page.append(content.length).append(' ')
                        .append(ContentHash.of(content, false)).append(' ')
                        .append(path.codePointCount(0, path.length())).append(' ').append(path).append('\n'));
                return List.of(page.toString(), (long) files.size());
            }
            case "_belay_open" -> {
                openPath = (String) args.get(0);
                open.reset();
            }
            case "_belay_w", "_belay_wb" -> {
                byte[] data = (byte[]) args.get(0);
                if (name.equals("_belay_wb")) {
                    data = java.util.Base64.getDecoder().decode(data);
                }
                if (open.size() + data.length != (Long) args.get(1)) {
                    throw new DeviceException("ValueError", "_belay_w at " + open.size(), "");
                }
                open.writeBytes(data);
            }
            case "_belay_commit" -> {
                files.remove((String) args.get(1));
                files.put((String) args.get(1), open.toByteArray());
                return ContentHash.of(open.toByteArray(), false);
            }
            case "_belay_done" -> {
                files.put(openPath, open.toByteArray());
                return ContentHash.of(open.toByteArray(), false);
            }
            case "_belay_remove", "_belay_abort", "_belay_rmdir" -> files.remove((String) args.get(0));
            case "_belay_mkdir" -> { }
            default -> throw new AssertionError("unknown helper: " + name);
        }
        return null;
    }

    private void known(String name) {
        if (!defined.contains(name)) {
            throw new DeviceException("NameError", "name '" + name + "' isn't defined", "");
        }
    }

    @Override
    public boolean rawPaste() {
        return true;
    }
}
