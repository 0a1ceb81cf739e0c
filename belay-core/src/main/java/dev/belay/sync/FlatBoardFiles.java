package dev.belay.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * The helpers of {@code belay_sync_flat.py}, for old firmware with a flat filesystem and a few KB
 * of heap (the micro:bit's 1.9.2): with {@link HelperBoardFiles}, the only Java that names them. They
 * list in pages, collect the garbage between commands, and are deleted after each sync to give the
 * heap back.
 */
final class FlatBoardFiles extends HelperBoardFiles {

    private static final HelperSource SOURCE = HelperSource.load("belay_sync_flat.py");

    FlatBoardFiles(SyncTarget board) {
        super(board);
    }

    @Override
    protected boolean sha256() {
        return false;
    }

    @Override
    public void install() {
        for (int i = 0; i < SOURCE.blocks().size(); i++) {
            // On a few KB of heap, garbage left between definitions splits the free heap into pieces
            // too small to parse the next command: each one collects it (the first imports gc).
            board.exec(i > 0 ? SOURCE.blocks().get(i) + "_belay_gc.collect()\n" : SOURCE.blocks().get(i));
        }
    }

    /** Lists every file (a flat filesystem has no root to list under), page by page. */
    @Override
    public BoardListing list(String root) {
        List<BoardEntry> entries = new ArrayList<>();
        while (true) {
            Object answer = board.eval("_belay_ls(" + entries.size() + ")");
            String what = "the listing of its files (from file " + (entries.size() + 1) + ")";
            List<?> pair = BoardAnswer.tuple(answer, 2, what, answer);
            String page = BoardAnswer.text(pair.get(0), what, answer);
            long total = BoardAnswer.number(pair.get(1), 0, Integer.MAX_VALUE, what, answer);
            entries.addAll(page(page, what, answer));
            if (entries.size() >= total || page.isEmpty()) {
                return new BoardListing(Capabilities.FLAT, entries);
            }
        }
    }

    /** Reads a page of "size hash length name" lines, the name taken by its length in characters. */
    static List<BoardEntry> page(String text, String what, Object whole) {
        List<BoardEntry> entries = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            long[] numbers = new long[3];
            for (int i = 0; i < 3; i++) {
                int space = text.indexOf(' ', at);
                if (space < 0 || !text.substring(at, space).matches("[0-9]{1,10}")) {
                    throw BoardAnswer.malformed(what, whole);
                }
                numbers[i] = Long.parseLong(text.substring(at, space));
                at = space + 1;
            }
            int end;
            try {
                end = text.offsetByCodePoints(at, Math.toIntExact(numbers[2]));
            } catch (IndexOutOfBoundsException | ArithmeticException e) {
                throw BoardAnswer.malformed(what, whole);
            }
            if (end >= text.length() || text.charAt(end) != '\n' || !ContentHash.isHash(numbers[1], false)) {
                throw BoardAnswer.malformed(what, whole);
            }
            entries.add(new BoardEntry(BoardAnswer.path(text.substring(at, end), what, whole), numbers[0], numbers[1]));
            at = end + 1;
        }
        return entries;
    }

    @Override
    public void mkdir(String path) {
        throw new IllegalStateException("A flat filesystem has no folders; the plan makes none for it.");
    }

    @Override
    public void rmdir(String path) {
        throw new IllegalStateException("A flat filesystem has no folders; its listing names none.");
    }

    /** Deletes the helpers: a board this old has a few KB of heap, which the user's code needs back. */
    @Override
    public void close() {
        board.exec("del " + String.join(", ", SOURCE.names()));
    }
}
