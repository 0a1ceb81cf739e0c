package dev.belay.transport.webrepl;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.FramedataImpl1;

/**
 * RFC 6455 as a MicroPython board speaks it. The board sends its REPL output in text frames
 * whose payload is whatever it printed, cut wherever its buffer ended: not always valid UTF-8 (a
 * character can straddle two frames, raw-paste traffic is binary). Java-WebSocket's own decoder
 * checks every text frame for UTF-8 and closes the connection on the first that fails, so this
 * draft decodes frames itself and hands text and continuation payloads on as bytes (as binary
 * messages, which Java-WebSocket never validates). The board's binary frames carry WebREPL file
 * transfer, which Belay does not use: they are dropped.
 */
final class WebReplDraft extends Draft_6455 {

    /** Larger frames than this are not a board's: MicroPython sends at most a 16-bit length. */
    private static final int LARGEST_FRAME = 1 << 20;

    private ByteBuffer pending = ByteBuffer.allocate(0);

    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        pending = joined(pending, buffer);
        List<Framedata> frames = new ArrayList<>();
        while (takeFrame(frames)) {
            // each whole frame that has arrived is taken
        }
        return frames;
    }

    private static ByteBuffer joined(ByteBuffer first, ByteBuffer second) {
        if (!first.hasRemaining()) {
            ByteBuffer copy = ByteBuffer.allocate(second.remaining());
            copy.put(second).flip();
            return copy;
        }
        ByteBuffer both = ByteBuffer.allocate(first.remaining() + second.remaining());
        both.put(first).put(second).flip();
        return both;
    }

    /**
     * Takes the next whole frame out of {@code pending} and adds it to {@code frames} (unless it is
     * a dropped one); false when no whole frame has arrived yet.
     */
    private boolean takeFrame(List<Framedata> frames) throws InvalidDataException {
        ByteBuffer in = pending.duplicate();
        if (in.remaining() < 2) {
            return false;
        }
        int first = in.get() & 0xff;
        int second = in.get() & 0xff;
        long length = second & 0x7f;
        if (length == 126) {
            if (in.remaining() < 2) {
                return false;
            }
            length = in.getShort() & 0xffff;
        } else if (length == 127) {
            if (in.remaining() < 8) {
                return false;
            }
            length = in.getLong();
        }
        if (length < 0 || length > LARGEST_FRAME) {
            throw new InvalidDataException(CloseFrame.TOOBIG, "A frame of " + length + " bytes is not a "
                    + "MicroPython board's; is this a WebREPL server?");
        }
        boolean masked = (second & 0x80) != 0;
        byte[] mask = new byte[4];
        if (masked) {
            if (in.remaining() < 4) {
                return false;
            }
            in.get(mask);
        }
        if (in.remaining() < length) {
            return false;
        }
        byte[] payload = new byte[(int) length];
        in.get(payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        pending = in.slice();
        Framedata frame = frame(first & 0x0f, (first & 0x80) != 0, payload);
        if (frame != null) {
            frames.add(frame);
        }
        return true;
    }

    /** The frame as Java-WebSocket should see it; null for a file-transfer frame, which is dropped. */
    private static Framedata frame(int opcode, boolean fin, byte[] payload) throws InvalidDataException {
        Opcode kind = switch (opcode) {
            case 0x0, 0x1 -> Opcode.BINARY; // REPL bytes, delivered without a UTF-8 check
            case 0x2 -> null;
            case 0x8 -> Opcode.CLOSING;
            case 0x9 -> Opcode.PING;
            case 0xA -> Opcode.PONG;
            default -> throw new InvalidDataException(CloseFrame.PROTOCOL_ERROR, "Unknown WebSocket opcode "
                    + opcode + " from the board.");
        };
        if (kind == null) {
            return null;
        }
        FramedataImpl1 frame = FramedataImpl1.get(kind);
        frame.setFin(kind == Opcode.BINARY || fin);
        frame.setPayload(ByteBuffer.wrap(payload));
        return frame;
    }

    @Override
    public void reset() {
        super.reset();
        pending = ByteBuffer.allocate(0);
    }

    @Override
    public Draft copyInstance() {
        return new WebReplDraft();
    }
}
