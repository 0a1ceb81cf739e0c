package dev.belay.junit;

import dev.belay.Device;
import dev.belay.HistoryScope;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Which part of a board's history a call records into, following JUnit's own nesting: the run's
 * connection has the root scope; each test class that uses the board gets a scope of its own, a
 * child of its enclosing class's (or of the root), closed when the class ends; with
 * {@code Reset.BEFORE_EACH} each test gets a scope too, a child of its class's, closed when the test
 * ends. Closing a scope drops what it recorded, so a suite's history does not grow with its tests.
 *
 * <p>Each scope lives in the store of the context it belongs to, which closes it; the keys carry
 * the context's unique id because a store's lookups also see its parents' values.
 */
final class HistoryScopes {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HistoryScopes.class);

    private HistoryScopes() {}

    /** The board as a class-level invocation, or a test sharing its class's state, records into it. */
    static Device classView(OpenBoard board, ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        if (classContext == null) {
            return board.device();
        }
        Device outer = classView(board, classContext.getParent().orElseThrow());
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(key(board, classContext),
                key -> new Scope(outer.openScope(classContext.getDisplayName()), outer, board, classContext),
                Scope.class).view();
    }

    /** A fresh scope for the test {@code testContext} stands for, inside its class's. */
    static Device openTestView(OpenBoard board, ExtensionContext testContext) {
        Device classView = classView(board, testContext);
        Scope scope = new Scope(classView.openScope(testContext.getDisplayName()), classView, board, testContext);
        testContext.getStore(NAMESPACE).put(key(board, testContext), scope);
        return scope.view();
    }

    /** The test's own view of the board if it has a scope, else its class's. */
    static Device testView(OpenBoard board, ExtensionContext testContext) {
        Scope scope = testContext.getStore(NAMESPACE).get(key(board, testContext), Scope.class);
        return scope != null ? scope.view() : classView(board, testContext);
    }

    /** Closes the test's scope now, while the test still holds the board. */
    static void closeTestScope(OpenBoard board, ExtensionContext testContext) {
        Scope scope = testContext.getStore(NAMESPACE).remove(key(board, testContext), Scope.class);
        if (scope != null) {
            scope.scope.close();
        }
    }

    /** The context of the innermost test class at or above {@code context}, or null at the run's level. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current != null && (current.getTestMethod().isPresent()
                || current.getElement().filter(Class.class::isInstance).isEmpty())) {
            current = current.getParent().orElse(null);
        }
        return current;
    }

    private static String key(OpenBoard board, ExtensionContext context) {
        return "scope of " + board.describe() + " in " + context.getUniqueId();
    }

    /**
     * A scope and the view that records into it. Closing it marks the board for a restore when it
     * recorded anything, so a class's scope is closed holding the board: a test of another class
     * running at that moment must not be restored in the middle.
     */
    @SuppressWarnings("deprecation") // CloseableResource: the only kind of value JUnit 5.12 and older close
    private static final class Scope implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        private final HistoryScope scope;
        private final Device view;
        private final OpenBoard board;
        private final ExtensionContext context;

        Scope(HistoryScope scope, Device parent, OpenBoard board, ExtensionContext context) {
            this.scope = scope;
            this.view = parent.recordingInto(scope);
            this.board = board;
            this.context = context;
        }

        Device view() {
            return view;
        }

        @Override
        public void close() {
            if (scope.isClosed()) {
                return;
            }
            board.hold(context);
            try {
                scope.close();
            } finally {
                board.release(context);
            }
        }
    }
}
