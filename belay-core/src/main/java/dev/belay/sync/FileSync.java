package dev.belay.sync;

import dev.belay.DeviceException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Mirrors a local folder onto the board: one round trip lists the board's files with their hashes,
 * only new and changed files are written (each to a temporary name, then renamed into place), and
 * board files missing locally are deleted. Public because {@link dev.belay.Device} runs it from
 * another package; users call {@code Device.sync}, and this class is not part of the API.
 *
 * <pre>{@code
 * SyncResult result = new FileSync(folder, SyncOptions.defaults()).run(target);
 * }</pre>
 *
 * <p>The work is shared out: {@link LocalTree} walks the folder, {@link BoardFiles} speaks to the
 * board's helpers (one implementation per helper set), {@link SyncPlan} decides what to do from
 * the two listings alone, {@link PieceWriter} writes a file; this class runs the plan.
 */
public final class FileSync {

    private final Path folder;
    private final SyncOptions options;

    /** A sync of the local folder with the options; nothing happens until {@link #run}. */
    public FileSync(Path folder, SyncOptions options) {
        this.folder = folder;
        this.options = options;
    }

    /**
     * Mirrors the folder onto the board once.
     *
     * @throws SyncException when the folder cannot be read, the board refused a file, or the board's
     *                       helpers answered with something they never send; the message says what
     *                       is on the board now
     */
    public SyncResult run(SyncTarget target) {
        long start = System.nanoTime();
        CountingTarget board = new CountingTarget(target);
        LocalTree local = LocalTree.walk(folder, options.ignore());
        BoardFiles.Attached attached = BoardFiles.attach(board, options.destination());
        BoardFiles files = attached.files();
        Capabilities caps = attached.listing().capabilities();
        SyncPlan plan;
        List<String> deleted;
        try {
            plan = SyncPlan.of(local, attached.listing(), options, ContentHash::of);
            plan.folders().forEach(files::mkdir);
            write(board, files, caps, plan.writes());
            deleted = delete(files, plan.deletions());
        } catch (SyncException | DeviceException e) {
            closeAfter(files, e);
            throw e;
        }
        files.close();
        return new SyncResult(plan.writes().stream().map(write -> write.file().relative()).toList(),
                plan.skipped().stream().map(LocalFile::relative).toList(), deleted,
                bytes(plan.writes().stream().map(SyncPlan.Write::file).toList()), bytes(plan.skipped()),
                board.commands(), Duration.ofNanos(System.nanoTime() - start));
    }

    private void write(SyncTarget board, BoardFiles files, Capabilities caps, List<SyncPlan.Write> writes) {
        long bytesTotal = bytes(writes.stream().map(SyncPlan.Write::file).toList());
        long before = 0;
        for (int i = 0; i < writes.size(); i++) {
            SyncPlan.Write write = writes.get(i);
            int filesDone = i;
            long bytesBefore = before;
            PieceWriter writer = new PieceWriter(files, board.rawPaste(),
                    bytes -> options.listener().progress(filesDone, writes.size(), bytesBefore + bytes, bytesTotal));
            try {
                writer.write(write, ContentHash.read(write.file().path()), caps.sha256());
            } catch (DeviceException e) {
                throw refused(write.file(), e, caps.rename());
            }
            before += write.file().size();
            options.listener().progress(i + 1, writes.size(), before, bytesTotal);
        }
    }

    private static List<String> delete(BoardFiles files, List<SyncPlan.Deletion> deletions) {
        List<String> deleted = new ArrayList<>();
        for (SyncPlan.Deletion deletion : deletions) {
            if (deletion.entry().isFolder()) {
                files.rmdir(deletion.entry().path());
            } else {
                files.remove(deletion.entry().path());
            }
            if (!deletion.leftover()) {
                deleted.add(deletion.relative());
            }
        }
        return deleted;
    }

    /** Ends the sync on a board that is still talking after a failure, keeping that failure first. */
    private static void closeAfter(BoardFiles files, RuntimeException failure) {
        try {
            files.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static SyncException refused(LocalFile file, DeviceException e, boolean rename) {
        String message = e.pythonMessage();
        boolean full = message.contains("28") || message.contains("ENOSPC");
        String stays = rename
                ? " " + file.relative() + " on the board is as it was."
                : " On this firmware (no os.rename) " + file.relative() + " is as it was unless the failure came while "
                        + "it was being replaced; the next sync rewrites it.";
        if (full) {
            return new SyncException("The board's filesystem is full: writing " + file.relative() + " (" + file.size()
                    + " bytes) failed with " + e.pythonType() + ": " + message + "." + stays
                    + " Free space on the board (delete files, or leave some out with ignore patterns).", e);
        }
        return new SyncException("The board refused " + file.relative() + ": " + e.pythonType() + ": " + message + "."
                + stays, e);
    }

    private static long bytes(List<LocalFile> files) {
        return files.stream().mapToLong(LocalFile::size).sum();
    }
}
