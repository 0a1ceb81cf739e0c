package dev.belay.transport;

/**
 * Sets DTR and RTS in an order that never passes through "RTS alone asserted" on the way, the
 * state in which an ESP32 devkit's auto-reset circuit holds the chip in reset: a board that runs
 * with both lines asserted keeps running when both are cleared, and the other way round. Each
 * transport with modem lines (a local serial port, an RFC 2217 server) sets them through this.
 *
 * <pre>{@code
 * ModemLines.apply(LineState.OFF, LineState.OFF, new ModemLines.Sink() {
 *     public void dtr(boolean on) { port.setDtr(on); }
 *     public void rts(boolean on) { port.setRts(on); }
 * });
 * }</pre>
 */
public final class ModemLines {

    /** Where the lines go: one call per line that changes. */
    public interface Sink {
        void dtr(boolean on);

        void rts(boolean on);
    }

    private ModemLines() {}

    /**
     * Asserts DTR before touching RTS and clears RTS before clearing DTR; a {@link LineState#KEEP}
     * line is not touched.
     */
    public static void apply(LineState dtr, LineState rts, Sink sink) {
        if (dtr == LineState.ON) {
            sink.dtr(true);
        }
        if (rts == LineState.OFF) {
            sink.rts(false);
        }
        if (dtr == LineState.OFF) {
            sink.dtr(false);
        }
        if (rts == LineState.ON) {
            sink.rts(true);
        }
    }
}
