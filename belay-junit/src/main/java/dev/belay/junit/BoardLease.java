package dev.belay.junit;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The board of a pool a test class has for its whole life, {@code @BeforeAll} to {@code @AfterAll},
 * its {@code @Nested} classes included. Put in the outermost class's store, so JUnit gives the board
 * back when the class ends, after the class's history scopes (stored later, closed earlier) have
 * closed on it.
 */
@SuppressWarnings("deprecation") // CloseableResource: the only kind of value JUnit 5.12 and older close
final class BoardLease implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    private final OpenBoard board;
    private final Runnable giveBack;
    private boolean returned;

    BoardLease(OpenBoard board, Runnable giveBack) {
        this.board = board;
        this.giveBack = giveBack;
    }

    OpenBoard board() {
        return board;
    }

    @Override
    public synchronized void close() {
        if (!returned) {
            returned = true;
            giveBack.run();
        }
    }
}
