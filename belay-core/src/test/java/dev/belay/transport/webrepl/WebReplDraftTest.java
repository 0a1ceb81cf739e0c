package dev.belay.transport.webrepl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.junit.jupiter.api.Test;

class WebReplDraftTest {

    private final WebReplDraft draft = new WebReplDraft();

    /** A frame as a board sends it: unmasked, FIN set. */
    private static byte[] frame(int opcode, byte[] payload) {
        int header = payload.length < 126 ? 2 : 4;
        byte[] frame = new byte[header + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        if (header == 2) {
            frame[1] = (byte) payload.length;
        } else {
            frame[1] = 126;
            frame[2] = (byte) (payload.length >> 8);
            frame[3] = (byte) payload.length;
        }
        System.arraycopy(payload, 0, frame, header, payload.length);
        return frame;
    }

    private static byte[] payload(Framedata frame) {
        ByteBuffer data = frame.getPayloadData().duplicate();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return bytes;
    }

    private List<Framedata> feed(byte[]... chunks) throws InvalidDataException {
        List<Framedata> frames = new ArrayList<>();
        for (byte[] chunk : chunks) {
            frames.addAll(draft.translateFrame(ByteBuffer.wrap(chunk)));
        }
        return frames;
    }

    @Test
    void aTextFrameThatIsNotUtf8ComesThroughAsItsBytes() throws InvalidDataException {
        byte[] split = {'O', 'K', (byte) 0xe2, (byte) 0x9c}; // half of a check mark
        List<Framedata> frames = feed(frame(1, split));
        assertThat(frames).singleElement().satisfies(f -> {
            assertThat(f.getOpcode()).isEqualTo(Opcode.BINARY);
            assertThat(payload(f)).isEqualTo(split);
        });
    }

    @Test
    void aFrameSplitAcrossReadsIsAssembledAndTwoInOneReadAreBothTaken() throws InvalidDataException {
        byte[] big = new byte[300];
        Arrays.fill(big, (byte) 'x');
        byte[] first = frame(1, big);
        byte[] second = frame(1, "raw REPL; CTRL-B to exit\r\n>".getBytes());
        assertThat(feed(Arrays.copyOfRange(first, 0, 3))).isEmpty();
        byte[] rest = new byte[first.length - 3 + second.length];
        System.arraycopy(first, 3, rest, 0, first.length - 3);
        System.arraycopy(second, 0, rest, first.length - 3, second.length);
        List<Framedata> frames = feed(rest);
        assertThat(frames).hasSize(2);
        assertThat(payload(frames.get(0))).isEqualTo(big);
        assertThat(new String(payload(frames.get(1)))).isEqualTo("raw REPL; CTRL-B to exit\r\n>");
    }

    @Test
    void fileTransferFramesAreDropped() throws InvalidDataException {
        assertThat(feed(frame(2, new byte[] {'W', 'B', 0, 0}), frame(1, "a".getBytes())))
                .singleElement().satisfies(f -> assertThat(payload(f)).containsExactly('a'));
    }

    @Test
    void aCloseFrameKeepsItsCode() throws InvalidDataException {
        assertThat(feed(frame(8, new byte[] {0x03, (byte) 0xe8}))).singleElement().satisfies(f -> {
            assertThat(f.getOpcode()).isEqualTo(Opcode.CLOSING);
            assertThat(((CloseFrame) f).getCloseCode()).isEqualTo(CloseFrame.NORMAL);
        });
    }

    @Test
    void anAbsurdLengthIsRefusedAsNotABoards() {
        byte[] header = {(byte) 0x81, 127, 0, 0, 0, 1, 0, 0, 0, 0};
        assertThatThrownBy(() -> feed(header))
                .isInstanceOf(InvalidDataException.class)
                .hasMessageContaining("is not a MicroPython board's");
    }
}
