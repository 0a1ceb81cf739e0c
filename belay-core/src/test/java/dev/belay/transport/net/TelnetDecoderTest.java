package dev.belay.transport.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelnetDecoderTest {

    private static final int IAC = 0xFF;

    /** Records what the decoder hands on, data and events alike, as text to compare. */
    private static final class Recorder implements TelnetDecoder.Listener {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        final TelnetDecoder decoder = new TelnetDecoder(this);

        void feed(byte[] wire, int offset, int length) {
            byte[] copy = Arrays.copyOfRange(wire, offset, offset + length);
            int n = decoder.decode(copy, 0, copy.length);
            data.write(copy, 0, n);
        }

        @Override
        public void negotiation(int command, int option) {
            events.add(Telnet.commandName(command) + " " + option);
        }

        @Override
        public void subnegotiation(int option, byte[] payload) {
            events.add("SB " + option + " " + HexFormat.of().formatHex(payload));
        }
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** Board bytes with every kind of telnet traffic between them, as ser2net sends it. */
    private static final byte[] STREAM = bytes(
            'a', IAC, Telnet.WILL, Telnet.BINARY, 'b',
            IAC, IAC, 'c', // a data 0xFF
            IAC, Telnet.SB, 44, 107, 0x30, IAC, Telnet.SE, // NOTIFY-MODEMSTATE
            '\r', '\n', 0,
            IAC, Telnet.SB, 44, 101, 0, 1, 0xC2, IAC, IAC, IAC, Telnet.SE, // an answer holding a 0xFF
            IAC, 241, // NOP
            'd', IAC, Telnet.DONT, 1, IAC, IAC);

    @Test
    void dataPassesThroughUnchanged() {
        Recorder recorder = new Recorder();
        byte[] board = bytes('h', 'i', '\r', 0, '\n', 0x80, 0xFE);
        recorder.feed(board, 0, board.length);
        assertThat(recorder.data.toByteArray()).containsExactly(board);
        assertThat(recorder.events).isEmpty();
    }

    @Test
    void commandsAndSubnegotiationsAreTakenOutOfTheStream() {
        Recorder recorder = new Recorder();
        recorder.feed(STREAM, 0, STREAM.length);
        assertThat(recorder.data.toByteArray()).containsExactly(bytes('a', 'b', IAC, 'c', '\r', '\n', 0, 'd', IAC));
        assertThat(recorder.events).containsExactly("WILL 0", "SB 44 6b30", "SB 44 650001c2ff", "DONT 1");
    }

    @Test
    void aStreamSplitAtAnyByteDecodesAsAWholeOne() {
        Recorder whole = new Recorder();
        whole.feed(STREAM, 0, STREAM.length);
        for (int split = 0; split <= STREAM.length; split++) {
            Recorder parts = new Recorder();
            parts.feed(STREAM, 0, split);
            parts.feed(STREAM, split, STREAM.length - split);
            assertThat(parts.data.toByteArray()).as("split at %d", split).containsExactly(whole.data.toByteArray());
            assertThat(parts.events).as("split at %d", split).isEqualTo(whole.events);
        }
    }

    @Test
    void aStreamFedByteByByteDecodesAsAWholeOne() {
        Recorder whole = new Recorder();
        whole.feed(STREAM, 0, STREAM.length);
        Recorder single = new Recorder();
        for (int i = 0; i < STREAM.length; i++) {
            single.feed(STREAM, i, 1);
        }
        assertThat(single.data.toByteArray()).containsExactly(whole.data.toByteArray());
        assertThat(single.events).isEqualTo(whole.events);
    }

    @Test
    void aSubnegotiationLongerThanKeptIsCutAndTheStreamGoesOn() {
        Recorder recorder = new Recorder();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(bytes(IAC, Telnet.SB, 44, 100 + 3));
        wire.writeBytes(new byte[TelnetDecoder.LONGEST_PAYLOAD + 50]);
        wire.writeBytes(bytes(IAC, Telnet.SE, 'x'));
        recorder.feed(wire.toByteArray(), 0, wire.size());
        assertThat(recorder.data.toByteArray()).containsExactly('x');
        assertThat(recorder.events).hasSize(1).first().asString().hasSize("SB 44 ".length()
                + 2 * TelnetDecoder.LONGEST_PAYLOAD);
    }

    @Test
    void aCommandInsideAnUnclosedSubnegotiationEndsItAndIsTaken() {
        Recorder recorder = new Recorder();
        byte[] wire = bytes(IAC, Telnet.SB, 44, 1, 2, IAC, Telnet.WILL, 3, 'z');
        recorder.feed(wire, 0, wire.length);
        assertThat(recorder.events).containsExactly("WILL 3");
        assertThat(recorder.data.toByteArray()).containsExactly('z');
    }
}
