package dev.belay;

/**
 * One state-changing call in a device's history, replayed in order after a reconnect or a reset.
 *
 * <pre>{@code
 * device.exec("import machine");
 * assertThat(device.history()).extracting(HistoryEntry::code).containsExactly("import machine");
 * }</pre>
 *
 * @param kind        what made the entry
 * @param code        the MicroPython code that is run again on replay
 * @param description a short name for messages, e.g. {@code task read_sensor}
 */
public record HistoryEntry(Kind kind, String code, String description) {

    /** What made an entry. */
    public enum Kind {
        /** {@link Device#exec(String)}. */
        EXEC,
        /** {@link Device#setup(String)}. */
        SETUP,
        /** {@link Device#task(String)} or {@link Device#taskFromResource(String)}. */
        TASK,
        /** {@link Device#thread(String, Object...)}: the definition and the start. */
        THREAD,
        /** {@link Device#sync}: replayed by syncing the folder again, which writes only what differs. */
        SYNC
    }
}
