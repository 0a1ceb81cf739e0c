package dev.belay.sync;

import java.time.Duration;
import java.util.List;

/**
 * What a sync did. Paths are relative to the synced folder, {@code /}-separated.
 *
 * <pre>{@code
 * SyncResult result = device.sync(Path.of("src/test/board"));
 * assertThat(result.written()).isEmpty();   // nothing changed since the last sync
 * }</pre>
 *
 * @param written      files written because they were new or changed
 * @param skipped      files left alone because the board's copy was the same
 * @param deleted      files and folders removed because they are not in the local folder
 * @param bytesWritten bytes of the written files
 * @param bytesSkipped bytes of the skipped files
 * @param roundTrips   commands sent to the board
 * @param duration     how long the sync took
 */
public record SyncResult(List<String> written, List<String> skipped, List<String> deleted, long bytesWritten,
        long bytesSkipped, int roundTrips, Duration duration) {

    public SyncResult {
        written = List.copyOf(written);
        skipped = List.copyOf(skipped);
        deleted = List.copyOf(deleted);
    }
}
