package dev.belay.junit;

import dev.belay.BoardBusyException;
import dev.belay.transport.Deadline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The interchangeable boards one name stands for ({@code belay.port=/dev/ttyACM0;/dev/ttyACM1}), each
 * opened when it is first leased. A test class leases one for its whole life ({@link BoardLease}),
 * so with parallel classes N classes run on N boards at once; a class waits for a free one up to the
 * lock timeout. A pool of one board is shared by every class, as a single board always was: its
 * tests take turns invocation by invocation ({@link BoardLock}), and a class never waits for another
 * to end. Stored in the root context's store, which closes it, and the boards it opened, when the
 * run ends.
 */
@SuppressWarnings("deprecation") // CloseableResource: the only kind of value JUnit 5.12 and older close
final class BoardPool implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    private final String name;
    private final Setting port;
    private final String timeoutKey;
    private final Duration timeout;
    private final List<Slot> slots = new ArrayList<>();
    private final ReentrantLock guard = new ReentrantLock(true);
    private final Condition freed = guard.newCondition();

    private BoardPool(BoardSettings settings, Setting port, Consumer<String> log) {
        this.name = settings.label();
        this.port = port;
        this.timeoutKey = settings.key(BelayDevice.LOCK_TIMEOUT_KEY);
        this.timeout = settings.lockTimeout();
        List<Setting> members = PortList.parse(port, settings.key(BelayDevice.PORT_KEY));
        for (int i = 0; i < members.size(); i++) {
            String member = members.size() == 1 ? "" : (i + 1) + "/" + members.size();
            slots.add(new Slot(settings, members.get(i), member, log));
        }
    }

    /** The pool the port setting names; nothing is opened yet. */
    static BoardPool of(BoardSettings settings, Setting port, Consumer<String> log) {
        return new BoardPool(settings, port, log);
    }

    /**
     * A board for the test class {@code holder} stands for: of a pool of several, the first free
     * one, waiting up to the lock timeout; of a pool of one, that board, shared.
     *
     * @throws BoardBusyException when every board stays leased past the lock timeout
     */
    BoardLease lease(ExtensionContext holder) {
        if (slots.size() == 1) {
            return new BoardLease(slots.get(0).board(), () -> {});
        }
        Slot slot = take(holder);
        try {
            return new BoardLease(slot.board(), () -> giveBack(slot));
        } catch (RuntimeException e) {
            giveBack(slot);
            throw e;
        }
    }

    private Slot take(ExtensionContext holder) {
        Deadline deadline = Deadline.after(timeout);
        guard.lock();
        try {
            while (true) {
                Slot free = free();
                if (free != null) {
                    free.holder = holder.getUniqueId();
                    free.holderName = holder.getDisplayName();
                    return free;
                }
                if (deadline.hasPassed()) {
                    throw new BoardBusyException("Waited " + timeout + " for a free board of '" + name + "' ("
                            + slots.size() + " boards, " + port.source() + "), but every one is leased to a test "
                            + "class: " + holders() + ". If those classes legitimately take this long, allow more "
                            + "time with " + timeoutKey + " or add boards to the pool; otherwise one is stuck."
                            + unopened());
                }
                try {
                    freed.awaitNanos(deadline.remainingNanos());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BoardBusyException("Interrupted while waiting for a free board of '" + name + "', "
                            + "leased to " + holders() + ".");
                }
            }
        } finally {
            guard.unlock();
        }
    }

    /**
     * The first free board that could be opened (or is not opened yet). A board that could not be
     * opened is handed out only when no other board of the pool is left: its first class fails
     * naming it, and the classes after it run on the others instead of failing one by one.
     */
    private Slot free() {
        boolean anyUsable = slots.stream().anyMatch(slot -> !slot.failed);
        for (Slot slot : slots) {
            if (slot.holder == null && (!slot.failed || !anyUsable)) {
                return slot;
            }
        }
        return null;
    }

    private String unopened() {
        String failed = slots.stream().filter(slot -> slot.failed && slot.holder == null).map(Slot::describe)
                .collect(Collectors.joining(", "));
        return failed.isEmpty() ? "" : " Not counted: " + failed + ", which could not be opened.";
    }

    private String holders() {
        return slots.stream().filter(slot -> slot.holder != null).map(slot -> slot.describe() + " to '" + slot.holderName + "' (" + slot.holder + ")")
                .collect(Collectors.joining(", "));
    }

    private void giveBack(Slot slot) {
        guard.lock();
        try {
            slot.holder = null;
            slot.holderName = null;
            freed.signalAll();
        } finally {
            guard.unlock();
        }
    }

    /** Closes every board it opened; a failure to close one does not keep the others open. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (Slot slot : slots) {
            try {
                slot.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** One board of the pool, opened on its first lease; who leases it is guarded by the pool. */
    private static final class Slot {
        private final BoardSettings settings;
        private final Setting port;
        private final String member;
        private final Consumer<String> log;
        private OpenBoard board;
        /** Set once the board was tried and could not be opened; read under the pool's guard. */
        private volatile boolean failed;
        private String holder;
        private String holderName;

        Slot(BoardSettings settings, Setting port, String member, Consumer<String> log) {
            this.settings = settings;
            this.port = port;
            this.member = member;
            this.log = log;
        }

        /** Opened outside the pool's guard, so boards of one pool start side by side. */
        synchronized OpenBoard board() {
            if (board == null) {
                board = OpenBoard.open(settings, port, member, log);
                failed = !board.isOpen();
            }
            return board;
        }

        String describe() {
            return OpenBoard.describe(settings.label(), member, port.value());
        }

        synchronized void close() {
            if (board != null) {
                board.close();
            }
        }
    }
}
