package dev.belay.transport.net;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Telnet on a {@link TcpLink} as an RFC 2217 client speaks it: reads that hand on only the board's
 * bytes, answers to the server's negotiations, the server's COM-PORT-OPTION answers kept by
 * command, and writes of data (0xFF doubled) and of commands, in one order. Reads come from one
 * thread; writes and the answers may be used from any.
 *
 * <pre>{@code
 * TelnetSession session = new TelnetSession(link);
 * session.send(session.options().requests());
 * int data = session.read(buffer, 0, buffer.length, 100); // board bytes only
 * }</pre>
 */
final class TelnetSession {

    /** SET-CONTROL answers kept, the latest last. */
    static final int CONTROL_ANSWERS_KEPT = 16;

    private final TcpLink link;
    private final OptionNegotiation options = new OptionNegotiation(
            Set.of(Telnet.BINARY, Telnet.SUPPRESS_GO_AHEAD, Telnet.COM_PORT_OPTION),
            Set.of(Telnet.BINARY, Telnet.SUPPRESS_GO_AHEAD));
    private final TelnetDecoder decoder = new TelnetDecoder(new Listener());
    /** Negotiation replies due, sent once the read that produced them is decoded. Reading thread only. */
    private final ByteArrayOutputStream replies = new ByteArrayOutputStream();
    /** The server's COM-PORT-OPTION answers by command: the value it applied. */
    private final Map<Integer, byte[]> answers = new HashMap<>();
    private final List<Integer> controlAnswers = new ArrayList<>();
    /** Reading thread only: bytes read from the link, telnet commands included. */
    private long received;

    TelnetSession(TcpLink link) {
        this.link = link;
    }

    /** The options offered (BINARY, SUPPRESS-GO-AHEAD, COM-PORT-OPTION) and asked for (BINARY, SUPPRESS-GO-AHEAD). */
    OptionNegotiation options() {
        return options;
    }

    /**
     * One read from the link, decoded in place, the replies it called for sent. Replies go out in
     * order with the data; should the server have stopped reading, this waits up to the write
     * timeout and leaves them queued (a server renegotiating mid-stream is rare).
     *
     * @return the board bytes now at {@code offset}; 0 also when only telnet commands came
     * @throws dev.belay.ConnectionLostException when the server closed or reset the connection
     */
    int read(byte[] buffer, int offset, int length, long timeoutMillis) {
        int n = link.read(buffer, offset, length, timeoutMillis);
        received += n;
        int data = decoder.decode(buffer, offset, n);
        if (replies.size() > 0) {
            byte[] due = replies.toByteArray();
            replies.reset();
            send(due);
        }
        return data;
    }

    /** Bytes read so far, telnet commands included. */
    long received() {
        return received;
    }

    /** Whether bytes wait to be read. */
    boolean readable() {
        return link.available() > 0;
    }

    /** Board bytes, each 0xFF doubled; false when the server took none for the write timeout. */
    boolean writeData(byte[] data, int offset, int length) {
        byte[] wire = Telnet.escape(data, offset, length);
        return link.write(wire, 0, wire.length);
    }

    /** A COM-PORT-OPTION command ({@link ComPortOption}), framed as a subnegotiation. */
    void command(byte[] command) {
        send(Telnet.subnegotiation(Telnet.COM_PORT_OPTION, command));
    }

    /** Telnet commands go out in order with the data; a stall leaves them queued, to go once the server reads. */
    void send(byte[] wire) {
        link.write(wire, 0, wire.length);
    }

    /** The value the server answered {@code command} with, or null before it did. */
    synchronized byte[] answer(int command) {
        return answers.get(command);
    }

    /** The values of the server's SET-CONTROL answers so far (the last {@value #CONTROL_ANSWERS_KEPT}). */
    synchronized List<Integer> controlAnswers() {
        return List.copyOf(controlAnswers);
    }

    NetAddress address() {
        return link.address();
    }

    void close() {
        link.close();
    }

    /** What the decoder found besides data: negotiations to answer, COM-PORT-OPTION answers to keep. */
    private final class Listener implements TelnetDecoder.Listener {

        @Override
        public void negotiation(int command, int option) {
            replies.writeBytes(options.receive(command, option));
        }

        @Override
        public void subnegotiation(int option, byte[] payload) {
            if (option != Telnet.COM_PORT_OPTION || payload.length == 0) {
                return;
            }
            int command = (payload[0] & 0xFF) - ComPortOption.ANSWER;
            byte[] value = Arrays.copyOfRange(payload, 1, payload.length);
            synchronized (TelnetSession.this) {
                answers.put(command, value);
                if (command == ComPortOption.SET_CONTROL && value.length == 1) {
                    if (controlAnswers.size() == CONTROL_ANSWERS_KEPT) {
                        controlAnswers.remove(0);
                    }
                    controlAnswers.add(value[0] & 0xFF);
                }
            }
        }
    }
}
