package dev.belay.sync;

import dev.belay.DeviceException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one file's content to the board in pieces, going on from where the board's file ends
 * after a piece the board could not take, and checks the result by its hash.
 *
 * <pre>{@code
 * new PieceWriter(files, rawPaste, progress).write(plannedWrite, content, sha256);
 * }</pre>
 */
final class PieceWriter {

    private static final Logger LOG = LoggerFactory.getLogger(PieceWriter.class);

    /** Bytes per command with raw-paste, which streams into the compiler. */
    static final int PASTE_CHUNK = 8192;
    /** Bytes per command without it: small, since a few KB of fragmented heap must parse the literal. */
    static final int PLAIN_CHUNK = 240;
    /** The smallest piece a MemoryError halves the chunk size down to. */
    private static final int MIN_CHUNK = 16;
    /** Pieces of one file sent again (after a MemoryError, or bytes lost on the way) before the sync gives up. */
    private static final int PIECE_RETRIES = 8;

    /** Hears the bytes of the file written so far, after each piece. */
    interface Progress {
        void written(long bytes);
    }

    private final BoardFiles files;
    private int chunk;
    private final Progress progress;

    PieceWriter(BoardFiles files, boolean rawPaste, Progress progress) {
        this.files = files;
        this.chunk = rawPaste ? PASTE_CHUNK : PLAIN_CHUNK;
        this.progress = progress;
    }

    /**
     * Writes the content to the write's temporary file (or in place) and puts it in place.
     *
     * @throws DeviceException when the board refused it for good; its temporary file is then removed
     * @throws SyncException   when the board's copy, written, does not hash as the content does
     */
    void write(SyncPlan.Write write, byte[] content, boolean sha256) {
        try {
            writePieces(write, content);
            Object written = write.inPlace() ? files.finishInPlace(write.path(), content.length)
                    : files.commit(write.temp(), write.path(), content.length);
            if (!ContentHash.same(written, ContentHash.of(content, sha256))) {
                throw new SyncException("After writing " + write.file().relative() + " the board's copy differs from "
                        + "the local file (hash mismatch). Sync again; if it persists, the board's filesystem may be "
                        + "failing.");
            }
        } catch (DeviceException e) {
            try {
                files.abort(write.temp());
            } catch (DeviceException cleanup) {
                // The refusal matters more than the leftover temporary file, which the next sync deletes.
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private void writePieces(SyncPlan.Write write, byte[] content) {
        boolean opened = false;
        int retries = 0;
        int offset = 0;
        while (!opened || offset < content.length) {
            int end = Math.min(content.length, offset + chunk);
            try {
                files.write(write.temp(), !opened, Arrays.copyOfRange(content, offset, end), end);
            } catch (DeviceException e) {
                if (!pieceNotWritten(e) || ++retries > PIECE_RETRIES) {
                    throw e;
                }
                if (e.pythonType().equals("MemoryError")) {
                    // The board's heap could not take the piece: smaller ones need less of it in one block.
                    chunk = Math.max(MIN_CHUNK, chunk / 2);
                }
                // Go on from where the board's file ends; a file not yet opened is opened anew.
                offset = opened ? (int) files.writtenTo(content.length) : 0;
                LOG.info("Writing {} went on at byte {} in pieces of {} after {}: {}", write.file().relative(), offset,
                        chunk, e.pythonType(), e.pythonMessage());
                continue;
            }
            opened = true;
            offset = end;
            progress.written(offset);
        }
    }

    /**
     * Whether a piece failed without writing anything wrong: a MemoryError (mostly the parser's, before
     * anything ran; one in the write itself leaves a size that the final check refuses), or the board's
     * refusal of a piece that lost bytes on the way or came at the wrong place.
     */
    private boolean pieceNotWritten(DeviceException e) {
        return e.pythonType().equals("MemoryError") || files.refusedPiece(e);
    }
}
