package dev.belay.sync;

import dev.belay.DeviceException;
import dev.belay.internal.repl.BoardSource;

/**
 * The board's side of a sync: one helper set ({@code .py} resource) installed on the board, and
 * its functions called with literal arguments. Each implementation is the only Java that names
 * its helper set's functions, and it checks their answers ({@link BoardAnswer}).
 *
 * <pre>{@code
 * BoardFiles.Attached board = BoardFiles.attach(target, "/");
 * board.files().remove("/old.py");
 * }</pre>
 */
interface BoardFiles {

    /**
     * Which helper set a board gets, by the one capability they differ in: full firmware has
     * {@code os.stat} (and folders), old firmware with a flat filesystem has not.
     */
    String FOLDERS_PROBE = BoardSource.load("belay_sync_probe.py").strip();

    /** The helpers on a board and their first listing. */
    record Attached(BoardFiles files, BoardListing listing) {}

    /**
     * Lists the board's files under the root with the helpers a previous sync of this session left,
     * or installs the set this firmware needs and lists with that. The flat set never stays on the
     * board (see {@link #close()}), so helpers found are the full set.
     */
    static Attached attach(SyncTarget board, String root) {
        BoardFiles full = new FullBoardFiles(board);
        try {
            return new Attached(full, full.list(root));
        } catch (DeviceException e) {
            if (!e.pythonType().equals("NameError")) {
                throw e;
            }
        }
        Object answer = board.eval(FOLDERS_PROBE);
        BoardFiles files = BoardAnswer.bool(answer, "whether it has os.stat", answer) ? full : new FlatBoardFiles(board);
        files.install();
        return new Attached(files, files.list(root));
    }

    /** Defines the helpers on the board, one top-level definition per command. */
    void install();

    /** The board's files and folders under the root, and what its firmware has. */
    BoardListing list(String root);

    void mkdir(String path);

    /**
     * Writes a piece of a file, which then ends at byte {@code end}; the board refuses a piece that
     * would end elsewhere before writing it (see {@link #refusedPiece}).
     *
     * @param open whether to open the file first, emptying it; else the piece goes on the open file
     */
    void write(String path, boolean open, byte[] piece, long end);

    /** Whether the board's error is its refusal of a piece that would not end where the piece said. */
    boolean refusedPiece(DeviceException e);

    /** Where the open file ends on the board, at most {@code max}: where to go on after a failed piece. */
    long writtenTo(long max);

    /** Closes a complete temporary file, checks its size and puts it in the file's place; returns the file's hash. */
    Object commit(String temp, String path, long size);

    /** Closes a file written in place and checks its size; returns its hash. */
    Object finishInPlace(String path, long size);

    /** Closes and removes a temporary file after a failure. */
    void abort(String temp);

    void remove(String path);

    void rmdir(String path);

    /** Ends the sync on the board: a set that must not hold the heap afterwards deletes itself. */
    void close();
}
