package dev.belay.sync;

import dev.belay.DeviceException;
import dev.belay.value.PythonLiteral;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The helpers of {@code belay_sync.py}, for firmware with folders: the only Java that names them.
 * They stay on the board for the session, so a later sync lists in one round trip.
 */
final class FullBoardFiles implements BoardFiles {

    private static final HelperSource SOURCE = HelperSource.load("belay_sync.py");

    private final SyncTarget board;
    private Capabilities capabilities = Capabilities.FLAT;

    FullBoardFiles(SyncTarget board) {
        this.board = board;
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
    public void write(String path, boolean open, byte[] piece, long end) {
        StringBuilder command = new StringBuilder();
        if (open) {
            command.append("_belay_open(").append(PythonLiteral.of(path)).append(")\n");
        }
        if (piece.length > 0) {
            command.append(capabilities.base64()
                    ? "_belay_wb(" + PythonLiteral.of(Base64.getEncoder().encode(piece)) + ", " + end + ")"
                    : "_belay_w(" + PythonLiteral.of(piece) + ", " + end + ")");
        }
        board.exec(command.toString());
    }

    @Override
    public boolean refusedPiece(DeviceException e) {
        return e.pythonType().equals("ValueError") && e.pythonMessage().startsWith("_belay_w at ");
    }

    @Override
    public long writtenTo(long max) {
        Object answer = board.eval("_belay_p");
        return BoardAnswer.number(answer, 0, max, "where the file being written ends", answer);
    }

    @Override
    public Object commit(String temp, String path, long size) {
        return hash(board.eval("_belay_commit(" + PythonLiteral.of(temp) + ", " + PythonLiteral.of(path) + ", "
                + size + ")"), path);
    }

    @Override
    public Object finishInPlace(String path, long size) {
        return hash(board.eval("_belay_done(" + PythonLiteral.of(path) + ", " + size + ")"), path);
    }

    private Object hash(Object answer, String path) {
        if (!ContentHash.isHash(answer, capabilities.sha256())) {
            throw BoardAnswer.malformed("the hash of " + path, answer);
        }
        return answer;
    }

    @Override
    public void abort(String temp) {
        board.exec("_belay_abort(" + PythonLiteral.of(temp) + ")");
    }

    @Override
    public void remove(String path) {
        board.exec("_belay_remove(" + PythonLiteral.of(path) + ")");
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
