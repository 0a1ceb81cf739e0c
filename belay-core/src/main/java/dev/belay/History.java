package dev.belay;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What changed the board's state, in order, each entry owned by the {@link HistoryScope} it was
 * recorded into, and whether the board still holds exactly that state. Thread-safe: scopes are
 * closed from whatever thread ends them.
 */
final class History {

    /** One recorded entry: what the user sees, which scope owns it, and how it is run again. */
    record Recorded(HistoryEntry entry, HistoryScope scope, Replay replay) {}

    /** Runs an entry again on a freshly reset board. */
    interface Replay {
        void replay(ReplayTarget target);
    }

    private final List<Recorded> entries = new ArrayList<>();
    private final Set<HistoryScope> closed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final HistoryScope root = new HistoryScope(this, "run", null);
    /** True while the board may hold more (or less) than the entries say: it must be restored. */
    private boolean stale;

    HistoryScope root() {
        return root;
    }

    synchronized HistoryScope open(String name, HistoryScope parent) {
        requireOpen(parent);
        return new HistoryScope(this, name, parent);
    }

    synchronized void record(HistoryScope scope, HistoryEntry entry, Replay replay) {
        requireOpen(scope);
        entries.add(new Recorded(entry, scope, replay));
    }

    /** Throws when recording into {@code scope} is no longer possible. */
    synchronized void requireOpen(HistoryScope scope) {
        if (isClosed(scope)) {
            throw new IllegalStateException("The history scope '" + scope.name() + "' is closed, so nothing more can "
                    + "be recorded into it. Use the device handed to the current test (or Device.openScope for a new "
                    + "scope).");
        }
    }

    synchronized boolean isClosed(HistoryScope scope) {
        for (HistoryScope s = scope; s != null; s = s.parent()) {
            if (closed.contains(s)) {
                return true;
            }
        }
        return false;
    }

    synchronized void close(HistoryScope scope) {
        if (scope == root) {
            throw new IllegalStateException("The root scope of a device lives as long as its connection; close "
                    + "the device instead.");
        }
        if (!closed.add(scope)) {
            return;
        }
        boolean dropped = entries.removeIf(recorded -> scope.contains(recorded.scope()));
        if (dropped) {
            stale = true;
        }
    }

    synchronized List<HistoryEntry> entries() {
        return entries.stream().map(Recorded::entry).toList();
    }

    synchronized List<HistoryEntry> entriesOf(HistoryScope scope) {
        return entries.stream().filter(recorded -> scope.contains(recorded.scope())).map(Recorded::entry).toList();
    }

    /** A copy of the entries to replay, in order. */
    synchronized List<Recorded> toReplay() {
        return List.copyOf(entries);
    }

    synchronized int size() {
        return entries.size();
    }

    /** Marks the board as not holding the history's state (a restore is due, or failed half way). */
    synchronized void markStale() {
        stale = true;
    }

    /** Marks the board as holding exactly the history's state. */
    synchronized void markRestored() {
        stale = false;
    }

    synchronized boolean isStale() {
        return stale;
    }

    /** Forgets every entry of every scope: the board was reset on purpose. */
    synchronized void clear() {
        entries.clear();
        stale = false;
    }

    @Override
    public synchronized String toString() {
        return "History" + new ArrayList<>(entries());
    }
}
