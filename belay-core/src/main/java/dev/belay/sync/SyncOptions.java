package dev.belay.sync;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How {@code device.sync} mirrors a local folder onto the board. Immutable.
 *
 * <pre>{@code
 * device.sync(Path.of("board"), SyncOptions.defaults()
 *         .withDestination("/app")
 *         .withIgnore(List.of("*.pyc", "__pycache__/", "tests/")));
 * }</pre>
 *
 * <table>
 *   <caption>Options and defaults</caption>
 *   <tr><th>option</th><th>default</th></tr>
 *   <tr><td>destination</td><td>{@code /}</td></tr>
 *   <tr><td>keep: board files kept though absent locally</td><td>{@code boot.py}, {@code webrepl_cfg.py}, {@code lib} when the destination is {@code /}; nothing otherwise</td></tr>
 *   <tr><td>ignore: local files left out ({@code .gitignore} syntax)</td><td>{@code *.pyc}, {@code __pycache__}, {@code .DS_Store}</td></tr>
 *   <tr><td>listener</td><td>none</td></tr>
 * </table>
 */
public final class SyncOptions {

    private static final List<String> DEFAULT_IGNORE = List.of("*.pyc", "__pycache__", ".DS_Store");
    private static final Set<String> ROOT_KEEP = Set.of("boot.py", "webrepl_cfg.py", "lib");

    private final String destination;
    private final Set<String> keep;
    private final IgnoreRules ignore;
    private final SyncListener listener;

    private SyncOptions(String destination, Set<String> keep, IgnoreRules ignore, SyncListener listener) {
        this.destination = Objects.requireNonNull(destination, "destination");
        this.keep = keep;
        this.ignore = Objects.requireNonNull(ignore, "ignore");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (!destination.startsWith("/")) {
            throw new IllegalArgumentException("The destination must be an absolute board path such as / or /app, "
                    + "was '" + destination + "'.");
        }
    }

    public static SyncOptions defaults() {
        return new SyncOptions("/", null, IgnoreRules.of(DEFAULT_IGNORE), SyncListener.NONE);
    }

    /** The board folder the local folder is mirrored into. */
    public String destination() {
        return destination;
    }

    /** Names, relative to the destination, that are never deleted from the board. */
    public Set<String> keep() {
        if (keep != null) {
            return keep;
        }
        return destination.equals("/") ? ROOT_KEEP : Set.of();
    }

    public IgnoreRules ignore() {
        return ignore;
    }

    public SyncListener listener() {
        return listener;
    }

    public SyncOptions withDestination(String destination) {
        return new SyncOptions(destination, keep, ignore, listener);
    }

    public SyncOptions withKeep(Set<String> keep) {
        return new SyncOptions(destination, Set.copyOf(keep), ignore, listener);
    }

    /** Replaces the ignore patterns (the defaults too). */
    public SyncOptions withIgnore(List<String> patterns) {
        return new SyncOptions(destination, keep, IgnoreRules.of(patterns), listener);
    }

    public SyncOptions withListener(SyncListener listener) {
        return new SyncOptions(destination, keep, ignore, listener);
    }

    @Override
    public String toString() {
        return "SyncOptions[destination=" + destination + ", keep=" + keep() + ", ignore=" + ignore.patterns() + "]";
    }
}
