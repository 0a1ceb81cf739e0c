package dev.belay.sync;

/**
 * Hears how far a sync has come, after each piece written.
 *
 * <pre>{@code
 * SyncOptions.defaults().withListener((files, totalFiles, bytes, totalBytes) ->
 *         log.info("{}/{} files, {}/{} bytes", files, totalFiles, bytes, totalBytes));
 * }</pre>
 */
@FunctionalInterface
public interface SyncListener {

    /** Hears nothing. */
    SyncListener NONE = (filesDone, filesTotal, bytesDone, bytesTotal) -> {};

    /** Files and bytes written so far, of those the sync has to write. */
    void progress(int filesDone, int filesTotal, long bytesDone, long bytesTotal);
}
