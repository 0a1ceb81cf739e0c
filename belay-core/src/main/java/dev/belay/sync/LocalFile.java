package dev.belay.sync;

import java.nio.file.Path;

/**
 * A file of the local folder to sync.
 *
 * @param relative its path relative to the folder, {@code /}-separated
 * @param path     where it is on disk
 * @param size     its size in bytes
 */
record LocalFile(String relative, Path path, long size) {}
