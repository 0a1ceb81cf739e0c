package dev.belay.junit;

import dev.belay.BoardBusyException;
import dev.belay.transport.Deadline;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who uses a board now. Owned by an invocation's JUnit unique id rather than by a thread: a test's
 * callbacks, its methods and a {@code @Timeout} thread running its body are one holder. Taking it
 * again as the same holder nests. A waiter gives up at its deadline and is told who holds it.
 */
final class BoardLock {

    private final String board;
    /** The configuration key that gives more time, named when a waiter gives up. */
    private final String timeoutKey;
    private final ReentrantLock guard = new ReentrantLock(true);
    private final Condition released = guard.newCondition();
    private String holder;
    private String holderName;
    private int holds;

    BoardLock(String board, String timeoutKey) {
        this.board = board;
        this.timeoutKey = timeoutKey;
    }

    /**
     * Takes the board for {@code id} (a unique id; {@code name} is shown to waiters).
     *
     * @throws BoardBusyException when another holder keeps it past {@code timeout}
     */
    void acquire(String id, String name, Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        guard.lock();
        try {
            while (holder != null && !holder.equals(id)) {
                if (deadline.hasPassed()) {
                    throw new BoardBusyException("Waited " + timeout + " for the board " + board + ", but '" + holderName
                            + "' (" + holder + ") still holds it. If that test legitimately takes this long, allow "
                            + "more time with " + timeoutKey + "; otherwise it is stuck.");
                }
                try {
                    released.awaitNanos(deadline.remainingNanos());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BoardBusyException("Interrupted while waiting for the board " + board + ", held by '"
                            + holderName + "' (" + holder + ").");
                }
            }
            holder = id;
            holderName = name;
            holds++;
        } finally {
            guard.unlock();
        }
    }

    /** Gives back one hold of {@code id}; the last one frees the board. */
    void release(String id) {
        guard.lock();
        try {
            if (!id.equals(holder)) {
                throw new IllegalStateException(id + " released the board " + board + ", which " + holder + " holds");
            }
            if (--holds == 0) {
                holder = null;
                holderName = null;
                released.signalAll();
            }
        } finally {
            guard.unlock();
        }
    }
}
