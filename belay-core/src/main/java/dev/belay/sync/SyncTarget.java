package dev.belay.sync;

/**
 * The board as a sync sees it: statements to run and expressions to evaluate, with Belay's result
 * transport underneath. Implemented by the device layer; public because that layer lives in
 * another package. Not part of the API.
 */
public interface SyncTarget {

    /** Runs statements; a Python exception throws {@link dev.belay.DeviceException}. */
    void exec(String code);

    /** Evaluates an expression and returns its parsed value. */
    Object eval(String expression);

    /** Whether code travels by raw-paste, so large commands are cheap and safe. */
    boolean rawPaste();
}
