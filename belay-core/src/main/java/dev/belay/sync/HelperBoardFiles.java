package dev.belay.sync;

import dev.belay.DeviceException;
import dev.belay.value.PythonLiteral;

/**
 * What both of Belay's sync helper sets ({@code belay_sync.py} and {@code belay_sync_flat.py})
 * define alike: writing a file piece by piece, finishing it (renamed into place or written in
 * place) with its hash, and removing files. Only the listing, folders and the helpers' lifetime
 * differ, in the two subclasses.
 */
abstract class HelperBoardFiles implements BoardFiles {

    protected final SyncTarget board;

    HelperBoardFiles(SyncTarget board) {
        this.board = board;
    }

    /** Whether the board hashes with SHA-256 (otherwise with its simple hash). */
    protected abstract boolean sha256();

    /** The helper call that appends {@code piece} to the open file, ending at byte {@code end}. */
    protected String appendCall(byte[] piece, long end) {
        return "_belay_w(" + PythonLiteral.of(piece) + ", " + end + ")";
    }

    @Override
    public void write(String path, boolean open, byte[] piece, long end) {
        StringBuilder command = new StringBuilder();
        if (open) {
            command.append("_belay_open(").append(PythonLiteral.of(path)).append(")\n");
        }
        if (piece.length > 0) {
            command.append(appendCall(piece, end));
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
        if (!ContentHash.isHash(answer, sha256())) {
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
}
