package dev.belay.internal.repl;

/**
 * A wait inside the protocol passed its deadline. Internal: the {@link RawRepl} recovers the
 * board first and then reports the failure as a {@link dev.belay.DeviceTimeoutException}.
 */
final class WaitTimedOut extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String awaited;
    private final String lastBytes;

    WaitTimedOut(String awaited, String lastBytes) {
        super("Timed out waiting for " + awaited + "; last bytes received: '" + lastBytes + "'", null, false, false);
        this.awaited = awaited;
        this.lastBytes = lastBytes;
    }

    String awaited() {
        return awaited;
    }

    String lastBytes() {
        return lastBytes;
    }
}
