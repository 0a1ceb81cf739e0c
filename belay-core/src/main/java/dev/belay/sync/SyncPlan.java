package dev.belay.sync;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * What a sync does, decided from the local tree and the board's listing alone: the folders to
 * make, the files to write (and how) or skip, and the board entries to delete. Making it needs no
 * board, so every decision is tested without one.
 *
 * <pre>{@code
 * SyncPlan plan = SyncPlan.of(LocalTree.walk(folder, ignore), listing, options, ContentHash::of);
 * plan.writes().forEach(write -> ...);
 * }</pre>
 *
 * @param folders   board folders to make, outermost first
 * @param writes    files to write, in local path order
 * @param skipped   files whose board copy has the same size and hash
 * @param deletions board entries to delete, deepest first so that folders are empty in their turn
 */
record SyncPlan(List<String> folders, List<Write> writes, List<LocalFile> skipped, List<Deletion> deletions) {

    /** The suffix of the temporary file a file is written to before it takes the file's place. */
    static final String TEMP_SUFFIX = ".belay-tmp";

    /**
     * A file to write.
     *
     * @param path    its board path
     * @param inPlace whether it is written straight to its path: a new file where the firmware has
     *                no rename, since a copy would need room for it twice and there is nothing old
     *                to protect; else it goes to {@link #temp()} first
     */
    record Write(LocalFile file, String path, boolean inPlace) {

        String temp() {
            return inPlace ? path : path + TEMP_SUFFIX;
        }
    }

    /**
     * A board entry to delete.
     *
     * @param relative its path relative to the destination
     * @param leftover whether it is a temporary file of an interrupted sync, deleted but not reported
     */
    record Deletion(BoardEntry entry, String relative, boolean leftover) {}

    SyncPlan {
        folders = List.copyOf(folders);
        writes = List.copyOf(writes);
        skipped = List.copyOf(skipped);
        deletions = List.copyOf(deletions);
    }

    /**
     * Plans a sync.
     *
     * @param localHash a local file's hash of the board's kind (SHA-256 or not): asked only for
     *                  files whose size matches their board copy
     * @throws SyncException when the tree needs folders the board cannot have
     */
    static SyncPlan of(LocalTree local, BoardListing board, SyncOptions options,
            BiFunction<LocalFile, Boolean, Object> localHash) {
        Capabilities caps = board.capabilities();
        refuseFoldersWithout(caps, local, options);
        String root = caps.folders() ? options.destination() : "";
        Map<String, BoardEntry> onBoard = new HashMap<>();
        board.entries().forEach(entry -> onBoard.put(entry.path(), entry));

        List<String> folders = new ArrayList<>();
        if (!root.isEmpty() && !root.equals("/")) {
            addMissingFolder(folders, onBoard, root);
        }
        local.folders().forEach(folder -> addMissingFolder(folders, onBoard, join(root, folder)));

        List<Write> writes = new ArrayList<>();
        List<LocalFile> skipped = new ArrayList<>();
        for (LocalFile file : local.files()) {
            String path = join(root, file.relative());
            BoardEntry copy = onBoard.get(path);
            if (copy != null && copy.size() == file.size()
                    && ContentHash.same(copy.hash(), localHash.apply(file, caps.sha256()))) {
                skipped.add(file);
            } else {
                writes.add(new Write(file, path, !caps.rename() && copy == null));
            }
        }
        return new SyncPlan(folders, writes, skipped, deletions(local, board, options, root));
    }

    private static void refuseFoldersWithout(Capabilities caps, LocalTree local, SyncOptions options) {
        if (caps.folders()) {
            return;
        }
        if (!local.folders().isEmpty()) {
            throw new SyncException("This board's firmware has no folders (no os.stat, os.mkdir), but " + local.folder()
                    + " has subfolders: " + local.folders() + ". Nothing was written. Flatten the tree for this "
                    + "board, or leave the subfolders out with ignore patterns.");
        }
        if (!options.destination().equals("/")) {
            throw new SyncException("This board's firmware has no folders, so it cannot sync into "
                    + options.destination() + ". Nothing was written. Sync into / instead.");
        }
    }

    private static void addMissingFolder(List<String> folders, Map<String, BoardEntry> onBoard, String path) {
        BoardEntry entry = onBoard.get(path);
        if (entry == null || !entry.isFolder()) {
            folders.add(path);
        }
    }

    private static List<Deletion> deletions(LocalTree local, BoardListing board, SyncOptions options, String root) {
        Set<String> wanted = new HashSet<>();
        local.files().forEach(file -> wanted.add(join(root, file.relative())));
        local.folders().forEach(folder -> wanted.add(join(root, folder)));
        List<Deletion> deletions = new ArrayList<>();
        for (BoardEntry entry : board.entries()) {
            String relative = relative(root, entry.path());
            if (relative == null || relative.isEmpty() || wanted.contains(entry.path())) {
                continue;
            }
            boolean leftover = entry.path().endsWith(TEMP_SUFFIX);
            if (leftover || !(kept(options, relative) || options.ignore().ignores(relative, entry.isFolder()))) {
                deletions.add(new Deletion(entry, relative, leftover));
            }
        }
        deletions.sort(Comparator.comparingInt((Deletion d) -> d.entry().path().split("/").length).reversed());
        return deletions;
    }

    private static boolean kept(SyncOptions options, String relative) {
        return options.keep().stream().anyMatch(name -> relative.equals(name) || relative.startsWith(name + "/"));
    }

    static String join(String root, String relative) {
        if (root.isEmpty()) {
            return relative;
        }
        return root.endsWith("/") ? root + relative : root + "/" + relative;
    }

    /** The path relative to the root, or null when it is not under it. */
    private static String relative(String root, String path) {
        if (root.isEmpty()) {
            return path;
        }
        String prefix = root.endsWith("/") ? root : root + "/";
        return path.startsWith(prefix) ? path.substring(prefix.length()) : null;
    }
}
