package dev.belay.sync;

import dev.belay.internal.repl.BoardSource;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A helper set's {@code .py} resource cut into its top-level definitions, sent one per command:
 * a small board cannot compile them all at once.
 *
 * <pre>{@code
 * HelperSource flat = HelperSource.load("belay_sync_flat.py");
 * flat.blocks().forEach(board::exec);
 * }</pre>
 *
 * @param blocks the top-level statements, each with the lines that belong to it
 * @param names  the {@code _belay} globals they define
 */
record HelperSource(List<String> blocks, List<String> names) {

    /** Where a block names what it defines (see {@link #definedNames}); before the helper lists that use it. */
    private static final Pattern DEFINED = Pattern.compile("(?:^def |\\bas |^|, *)(_belay\\w*)");

    HelperSource {
        blocks = List.copyOf(blocks);
        names = List.copyOf(names);
    }

    static HelperSource load(String resource) {
        List<String> blocks = topLevelBlocks(BoardSource.load(resource));
        return new HelperSource(blocks, blocks.stream().flatMap(block -> definedNames(block).stream()).distinct().toList());
    }

    /**
     * The _belay names a top-level block defines: a function's, those an import binds with
     * {@code as}, or the targets of an assignment on its first line.
     */
    static List<String> definedNames(String block) {
        String first = block.lines().findFirst().orElse("");
        String targets = first.startsWith("def ") || first.startsWith("import ") ? first
                : first.contains("=") ? first.substring(0, first.indexOf('=')) : "";
        List<String> names = new ArrayList<>();
        Matcher matcher = DEFINED.matcher(targets);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Splits a source at its top-level statements, keeping {@code except}/{@code else} with theirs. */
    static List<String> topLevelBlocks(String source) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        for (String line : source.lines().toList()) {
            boolean continues = line.isEmpty() || Character.isWhitespace(line.charAt(0))
                    || line.matches("(except|else|elif|finally)\\b.*");
            if (!continues && block.length() > 0) {
                blocks.add(block.toString());
                block.setLength(0);
            }
            block.append(line).append('\n');
        }
        if (block.length() > 0) {
            blocks.add(block.toString());
        }
        return blocks;
    }
}
