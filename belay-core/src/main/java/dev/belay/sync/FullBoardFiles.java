package dev.belay.sync;

import dev.belay.value.PythonLiteral;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The helpers of {@code belay_sync.py}, for firmware with folders: with {@link HelperBoardFiles}, the
 * only Java that names them.
 * They stay on the board for the session, so a later sync lists in one round trip.
 */
final class FullBoardFiles extends HelperBoardFiles {

    private static final HelperSource SOURCE = HelperSource.load("belay_sync.py");

    private Capabilities capabilities = Capabilities.FLAT;

    FullBoardFiles(SyncTarget board) {
        super(board);
    }

    @Override
    protected boolean sha256() {
        return capabilities.sha256();
    }

    /** Pieces travel as base64 where the board can decode it: shorter than a bytes literal. */
    @Override
    protected String appendCall(byte[] piece, long end) {
        return capabilities.base64() ? "_belay_wb(" + PythonLiteral.of(Base64.getEncoder().encode(piece)) + ", "
                + end + ")" : super.appendCall(piece, end);
    }

    @Override
    public void install() {
        SOURCE.blocks().forEach(board::exec);
    }

    @Override
    public BoardListing list(String root) {
        Object answer = board.eval("_belay_tree(" + PythonLiteral.of(root) + ")");
        String what = "the listing of " + root;
        List<?> pair = BoardAnswer.tuple(answer, 2, what, answer);
        List<?> caps = BoardAnswer.tuple(pair.get(0), 4, what, answer);
        capabilities = new Capabilities(BoardAnswer.bool(caps.get(0), what, answer),
                BoardAnswer.bool(caps.get(1), what, answer), BoardAnswer.bool(caps.get(2), what, answer),
                BoardAnswer.bool(caps.get(3), what, answer));
        List<BoardEntry> entries = new ArrayList<>();
        for (Object item : BoardAnswer.list(pair.get(1), what, answer)) {
            List<?> entry = BoardAnswer.tuple(item, 3, "an entry of " + what, item);
            String path = BoardAnswer.path(entry.get(0), "an entry of " + what, item);
            long size = BoardAnswer.number(entry.get(1), BoardEntry.FOLDER, Long.MAX_VALUE, "an entry of " + what, item);
            Object hash = entry.get(2);
            if (size == BoardEntry.FOLDER ? hash != null : !ContentHash.isHash(hash, capabilities.sha256())) {
                throw BoardAnswer.malformed("an entry of " + what, item);
            }
            entries.add(new BoardEntry(path, size, hash));
        }
        return new BoardListing(capabilities, entries);
    }

    @Override
    public void mkdir(String path) {
        board.exec("_belay_mkdir(" + PythonLiteral.of(path) + ")");
    }

    @Override
    public void rmdir(String path) {
        board.exec("_belay_rmdir(" + PythonLiteral.of(path) + ")");
    }

    @Override
    public void close() {
        // The helpers stay for the next sync of this session.
    }
}
