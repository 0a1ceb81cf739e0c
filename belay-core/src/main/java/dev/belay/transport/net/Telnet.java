package dev.belay.transport.net;

import java.io.ByteArrayOutputStream;

/**
 * Telnet's command bytes (RFC 854) and the encoding of what a client sends: data with every
 * 0xFF doubled, option negotiations and subnegotiations.
 *
 * <pre>{@code
 * byte[] wire = Telnet.escape(data, 0, data.length);        // IAC IAC for each 0xFF
 * byte[] will = Telnet.negotiation(Telnet.WILL, Telnet.BINARY);
 * byte[] sb = Telnet.subnegotiation(44, new byte[] {2, 8}); // COM-PORT-OPTION SET-DATASIZE 8
 * }</pre>
 */
final class Telnet {

    static final int IAC = 255;
    static final int DONT = 254;
    static final int DO = 253;
    static final int WONT = 252;
    static final int WILL = 251;
    static final int SB = 250;
    static final int SE = 240;

    static final int BINARY = 0;
    static final int ECHO = 1;
    static final int SUPPRESS_GO_AHEAD = 3;
    static final int COM_PORT_OPTION = 44;

    private Telnet() {}

    /** The data bytes as they travel: each 0xFF doubled, nothing else changed (binary mode). */
    static byte[] escape(byte[] data, int offset, int length) {
        int iacs = 0;
        for (int i = offset; i < offset + length; i++) {
            if ((data[i] & 0xFF) == IAC) {
                iacs++;
            }
        }
        byte[] wire = new byte[length + iacs];
        int at = 0;
        for (int i = offset; i < offset + length; i++) {
            wire[at++] = data[i];
            if ((data[i] & 0xFF) == IAC) {
                wire[at++] = (byte) IAC;
            }
        }
        return wire;
    }

    /** {@code IAC command option}, where command is WILL, WONT, DO or DONT. */
    static byte[] negotiation(int command, int option) {
        return new byte[] {(byte) IAC, (byte) command, (byte) option};
    }

    /** {@code IAC SB option payload IAC SE}, with each 0xFF of the payload doubled. */
    static byte[] subnegotiation(int option, byte[] payload) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream(payload.length + 6);
        wire.write(IAC);
        wire.write(SB);
        wire.write(option);
        wire.writeBytes(escape(payload, 0, payload.length));
        wire.write(IAC);
        wire.write(SE);
        return wire.toByteArray();
    }

    /** A command's name for messages and logs: {@code WILL}, {@code DONT}... */
    static String commandName(int command) {
        switch (command) {
            case WILL: return "WILL";
            case WONT: return "WONT";
            case DO: return "DO";
            case DONT: return "DONT";
            default: return "command " + command;
        }
    }
}
