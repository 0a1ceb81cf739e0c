package dev.belay;

import java.util.List;

/**
 * A part of a device's history with a lifetime: what was recorded into it leaves the history when
 * it closes, and the board is brought back to the state of what remains. Scopes nest; a device from
 * {@link Device#connect} records into its root scope, which never closes.
 *
 * <p>The JUnit extension gives each test class a scope (and, with {@code Reset.BEFORE_EACH}, each
 * test), so what a class set up does not leak into the next class. Without JUnit:
 *
 * <pre>{@code
 * try (HistoryScope calibration = device.openScope("calibration")) {
 *     Device scoped = device.recordingInto(calibration);
 *     scoped.exec("sensor.gain = 4");          // recorded into the scope, replayed after a reset
 *     assertThat(scoped.eval("sensor.read()", double.class)).isBetween(0.0, 1.0);
 * }   // gain = 4 leaves the history; the board is soft-reset and restored before the next call
 * }</pre>
 *
 * <p>Closing is cheap: the soft reset and replay happen once, before the next call to the board
 * (or in {@link Device#ensureSession()} / {@link Device#restore()}), and only when the scope
 * recorded anything.
 */
public final class HistoryScope implements AutoCloseable {

    private final History history;
    private final String name;
    private final HistoryScope parent;

    HistoryScope(History history, String name, HistoryScope parent) {
        this.history = history;
        this.name = name;
        this.parent = parent;
    }

    /** The name given to {@link Device#openScope(String)}, for messages. */
    public String name() {
        return name;
    }

    /** The scope this one was opened in; {@code null} for the root scope. */
    HistoryScope parent() {
        return parent;
    }

    /** What this scope and the scopes opened in it recorded so far, in order. */
    public List<HistoryEntry> entries() {
        return history.entriesOf(this);
    }

    /** Whether {@link #close()} was called on this scope or on one it was opened in. */
    public boolean isClosed() {
        return history.isClosed(this);
    }

    boolean belongsTo(History other) {
        return history == other;
    }

    /** Whether {@code other} is this scope or one opened in it, however deep. */
    boolean contains(HistoryScope other) {
        for (HistoryScope scope = other; scope != null; scope = scope.parent) {
            if (scope == this) {
                return true;
            }
        }
        return false;
    }

    /**
     * Drops what this scope (and every scope opened in it) recorded. When that was anything, the
     * board is restored to the state of the remaining history before its next call. Closing twice
     * does nothing.
     *
     * @throws IllegalStateException for the root scope, which lives as long as the connection
     */
    @Override
    public void close() {
        history.close(this);
    }

    @Override
    public String toString() {
        return "HistoryScope[" + name + "]";
    }
}
