package dev.belay.transport.net;

import java.util.Arrays;

/**
 * Separates what a telnet server sends into the data stream and its commands: {@code IAC IAC}
 * becomes one 0xFF data byte, negotiations ({@code IAC WILL/WONT/DO/DONT option}) and
 * subnegotiations ({@code IAC SB option ... IAC SE}) go to the {@link Listener}, other two-byte
 * commands (NOP, GA, a data mark) are dropped. A command may be split across any number of reads:
 * the decoder keeps its place between calls. Not thread-safe: one reader feeds it.
 *
 * <pre>{@code
 * TelnetDecoder decoder = new TelnetDecoder(listener);
 * int n = in.read(buffer);
 * int data = decoder.decode(buffer, 0, n); // buffer[0..data) now holds only board bytes
 * }</pre>
 */
final class TelnetDecoder {

    /** Receives what is not data, on the thread that decodes. */
    interface Listener {
        /** {@code IAC command option}, command being WILL, WONT, DO or DONT. */
        void negotiation(int command, int option);

        /** {@code IAC SB option payload IAC SE}, the payload with doubled 0xFF undone. */
        void subnegotiation(int option, byte[] payload);
    }

    /** Longest subnegotiation payload kept; the rest of a longer one (a long signature) is dropped. */
    static final int LONGEST_PAYLOAD = 256;

    private enum State { DATA, IAC, NEGOTIATION, SB_OPTION, SB_DATA, SB_IAC }

    private final Listener listener;
    private State state = State.DATA;
    private int negotiationCommand;
    private int subOption;
    private final byte[] payload = new byte[LONGEST_PAYLOAD];
    private int payloadLength;

    TelnetDecoder(Listener listener) {
        this.listener = listener;
    }

    /**
     * Decodes {@code length} bytes in place: the data bytes among them are moved to the front of
     * the range, in order.
     *
     * @return how many data bytes now start at {@code offset}
     */
    int decode(byte[] buffer, int offset, int length) {
        int data = offset;
        for (int i = offset; i < offset + length; i++) {
            int b = buffer[i] & 0xFF;
            switch (state) {
                case DATA:
                    if (b == Telnet.IAC) {
                        state = State.IAC;
                    } else {
                        buffer[data++] = (byte) b;
                    }
                    break;
                case IAC:
                    data = afterIac(b, buffer, data);
                    break;
                case NEGOTIATION:
                    state = State.DATA;
                    listener.negotiation(negotiationCommand, b);
                    break;
                case SB_OPTION:
                    subOption = b;
                    payloadLength = 0;
                    state = State.SB_DATA;
                    break;
                case SB_DATA:
                    if (b == Telnet.IAC) {
                        state = State.SB_IAC;
                    } else {
                        keep(b);
                    }
                    break;
                case SB_IAC:
                    if (b == Telnet.IAC) {
                        keep(b);
                        state = State.SB_DATA;
                    } else if (b == Telnet.SE) {
                        state = State.DATA;
                        listener.subnegotiation(subOption, Arrays.copyOf(payload, payloadLength));
                    } else {
                        // A command inside a subnegotiation that was never closed: the
                        // subnegotiation is malformed and dropped, the command taken as it is.
                        data = afterIac(b, buffer, data);
                    }
                    break;
                default:
                    throw new IllegalStateException(state.name());
            }
        }
        return data - offset;
    }

    private int afterIac(int b, byte[] buffer, int data) {
        if (b == Telnet.IAC) {
            buffer[data++] = (byte) Telnet.IAC;
            state = State.DATA;
        } else if (b == Telnet.WILL || b == Telnet.WONT || b == Telnet.DO || b == Telnet.DONT) {
            negotiationCommand = b;
            state = State.NEGOTIATION;
        } else if (b == Telnet.SB) {
            state = State.SB_OPTION;
        } else {
            state = State.DATA; // NOP, GA, DM, BRK, a stray SE: nothing for the board stream
        }
        return data;
    }

    private void keep(int b) {
        if (payloadLength < payload.length) {
            payload[payloadLength++] = (byte) b;
        }
    }
}
