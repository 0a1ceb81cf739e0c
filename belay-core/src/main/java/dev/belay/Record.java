package dev.belay;

/**
 * Whether {@link Device#exec(String, Record)} writes its code to the history that is replayed
 * after a reconnect.
 *
 * <pre>{@code
 * device.exec("led.toggle()", Record.NO);   // a one-off action, not state to restore
 * }</pre>
 */
public enum Record {
    /** Replay the code after a reconnect (the default of {@code exec}). */
    YES,
    /** Run the code once; a reconnect does not run it again. */
    NO
}
