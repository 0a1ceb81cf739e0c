package dev.belay.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which local files a sync leaves out, written in {@code .gitignore} syntax: {@code *} and
 * {@code ?} within a name, {@code **} across folders, a leading {@code /} or an inner {@code /}
 * anchors a pattern to the synced folder, a trailing {@code /} matches folders only, {@code !}
 * takes a file back in. The last matching pattern decides; a left-out folder leaves out all in it.
 *
 * <pre>{@code
 * IgnoreRules rules = IgnoreRules.of(List.of("*.pyc", "__pycache__/", "!keep.pyc"));
 * rules.ignores("lib/x.pyc", false);   // true
 * }</pre>
 */
public final class IgnoreRules {

    private record Rule(Pattern pattern, boolean negated, boolean foldersOnly) {}

    private final List<Rule> rules;
    private final List<String> patterns;

    private IgnoreRules(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.rules = new ArrayList<>();
        for (String line : patterns) {
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            boolean negated = pattern.startsWith("!");
            if (negated) {
                pattern = pattern.substring(1);
            }
            boolean foldersOnly = pattern.endsWith("/");
            if (foldersOnly) {
                pattern = pattern.substring(0, pattern.length() - 1);
            }
            boolean anchored = pattern.contains("/");
            if (pattern.startsWith("/")) {
                pattern = pattern.substring(1);
            }
            String regex = (anchored ? "" : "(?:.*/)?") + toRegex(pattern);
            rules.add(new Rule(Pattern.compile(regex), negated, foldersOnly));
        }
    }

    /** The rules of these patterns, one per line of a {@code .gitignore}. */
    public static IgnoreRules of(List<String> patterns) {
        return new IgnoreRules(patterns);
    }

    /** The patterns as given. */
    public List<String> patterns() {
        return patterns;
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                regex.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    /**
     * Whether {@code path} (relative, {@code /}-separated) is left out. A path inside a left-out
     * folder is left out too.
     */
    public boolean ignores(String path, boolean folder) {
        int slash = path.lastIndexOf('/');
        if (slash > 0 && ignores(path.substring(0, slash), true)) {
            return true;
        }
        boolean ignored = false;
        for (Rule rule : rules) {
            if ((!rule.foldersOnly() || folder) && rule.pattern().matcher(path).matches()) {
                ignored = !rule.negated();
            }
        }
        return ignored;
    }
}
