package dev.belay.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local folder to sync, less what the ignore rules leave out.
 *
 * @param folder  the folder on disk
 * @param files   its files, in path order
 * @param folders its folders, relative and {@code /}-separated, each before what it holds
 */
record LocalTree(Path folder, List<LocalFile> files, List<String> folders) {

    LocalTree {
        files = List.copyOf(files);
        folders = List.copyOf(folders);
    }

    /** Walks the folder; a folder that is missing or unreadable is refused before anything is written. */
    static LocalTree walk(Path folder, IgnoreRules ignore) {
        if (!Files.isDirectory(folder)) {
            throw new SyncException("The folder to sync, " + folder.toAbsolutePath() + ", "
                    + (Files.exists(folder) ? "is not a folder." : "does not exist.") + " Nothing was written.");
        }
        List<LocalFile> files = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(path -> !path.equals(folder)).sorted().toList()) {
                String relative = folder.relativize(path).toString().replace('\\', '/');
                boolean isFolder = Files.isDirectory(path);
                if (ignore.ignores(relative, isFolder)) {
                    continue;
                }
                if (isFolder) {
                    folders.add(relative);
                } else {
                    files.add(new LocalFile(relative, path, Files.size(path)));
                }
            }
        } catch (IOException e) {
            throw new SyncException("Could not read the folder " + folder + ": " + e.getMessage(), e);
        }
        return new LocalTree(folder, files, folders);
    }
}
