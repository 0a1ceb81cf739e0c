package dev.belay;

/**
 * The board restarted while a call ran on it (the call may have caused it: {@code sys.exit()},
 * {@code machine.reset()}), or Belay hard-reset it with its {@link ResetAction} because it ignored
 * Ctrl-C after the call's deadline (the cause is then the call's {@link DeviceTimeoutException}).
 * Belay has restored the board's state from the history, but did not run the call again, so that
 * a call that resets the board cannot loop.
 *
 * <pre>{@code
 * assertThatThrownBy(() -> device.exec("import sys\nsys.exit()")).isInstanceOf(BoardResetException.class);
 * device.eval("restored_global");   // the history was replayed
 * }</pre>
 */
public class BoardResetException extends BelayException {
    private static final long serialVersionUID = 1L;

    public BoardResetException(String message) {
        super(message);
    }

    public BoardResetException(String message, Throwable cause) {
        super(message, cause);
    }
}
