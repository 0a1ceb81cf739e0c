package dev.belay;

import dev.belay.sync.SyncTarget;
import java.time.Duration;

/** The board as a history entry sees it while it is replayed: no reconnect or restore around it. */
interface ReplayTarget {

    /** Runs statements; a Python exception becomes a {@link DeviceException}. */
    void exec(String code, Duration timeout);

    /** The board as a sync sees it, with each command under {@code timeout}. */
    SyncTarget syncTarget(Duration timeout);
}
