package dev.belay.junit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The boards one invocation (a test from before its {@code @BeforeEach} to after its
 * {@code @AfterEach}, or one lifecycle method) holds, with where their transcripts stood when it
 * took them. Put in the invocation's store, so that the boards are given back even when a callback
 * in between failed; a {@code CloseableResource} too for JUnit before 5.13.
 */
@SuppressWarnings("deprecation") // CloseableResource: the only kind of value JUnit 5.12 and older close
final class HeldBoards implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    private final ExtensionContext holder;
    private final Map<OpenBoard, Long> marks = new LinkedHashMap<>();
    private boolean released;

    private HeldBoards(ExtensionContext holder) {
        this.holder = holder;
    }

    /**
     * Takes {@code boards} for {@code holder}, in a fixed order so that two invocations needing the
     * same two boards cannot deadlock. If one cannot be had, those already taken are given back.
     */
    static HeldBoards take(ExtensionContext holder, List<OpenBoard> boards) {
        List<OpenBoard> ordered = new ArrayList<>(boards.stream().distinct().toList());
        ordered.sort(Comparator.comparing(OpenBoard::describe));
        HeldBoards held = new HeldBoards(holder);
        try {
            for (OpenBoard board : ordered) {
                board.hold(holder);
                held.marks.put(board, board.device().transcript().position());
            }
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
        return held;
    }

    List<OpenBoard> boards() {
        return List.copyOf(marks.keySet());
    }

    /** What was exchanged with {@code board} since it was taken. */
    String transcript(OpenBoard board) {
        return board.device().transcript().since(marks.get(board));
    }

    /** Adds each board's transcript to {@code failure} as a suppressed {@link BoardTranscript}. */
    void attachTranscripts(Throwable failure) {
        marks.keySet().forEach(board -> failure.addSuppressed(BoardTranscript.of("board " + board.describe(),
                transcript(board))));
    }

    @Override
    public synchronized void close() {
        if (!released) {
            released = true;
            List<OpenBoard> taken = new ArrayList<>(marks.keySet());
            for (int i = taken.size() - 1; i >= 0; i--) {
                taken.get(i).release(holder);
            }
        }
    }
}
