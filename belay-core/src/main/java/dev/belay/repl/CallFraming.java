package dev.belay.repl;

/**
 * How a call's reply is framed in-band, as the board-side helper prints it: a start byte, the
 * user's output, the marker, a kind byte, the payload, an end byte. The board-call layer owns the
 * values; the raw REPL only finds them in the bytes.
 *
 * <pre>{@code
 * CallFraming framing = new CallFraming((byte) 0x1e, marker, (byte) 0x1f);
 * }</pre>
 */
public record CallFraming(byte start, byte[] marker, byte end) {

    public CallFraming {
        marker = marker.clone();
    }

    @Override
    public byte[] marker() {
        return marker.clone();
    }
}
