package dev.belay.transport.net;

import java.nio.ByteBuffer;

/**
 * RFC 2217's COM-PORT-OPTION (telnet option 44): the client's commands and the server's answers,
 * which carry the command's number plus 100 and the value the server applied.
 *
 * <pre>{@code
 * byte[] sb = Telnet.subnegotiation(Telnet.COM_PORT_OPTION, ComPortOption.setBaudRate(115200));
 * }</pre>
 */
final class ComPortOption {

    static final int SET_BAUDRATE = 1;
    static final int SET_DATASIZE = 2;
    static final int SET_PARITY = 3;
    static final int SET_STOPSIZE = 4;
    static final int SET_CONTROL = 5;
    static final int NOTIFY_LINESTATE = 6;
    static final int NOTIFY_MODEMSTATE = 7;
    static final int SET_LINESTATE_MASK = 10;
    static final int SET_MODEMSTATE_MASK = 11;
    static final int PURGE_DATA = 12;
    /** What a server adds to a command's number in its answer. */
    static final int ANSWER = 100;

    static final int PARITY_NONE = 1;
    static final int STOPSIZE_ONE = 1;
    static final int CONTROL_DTR_ON = 8;
    static final int CONTROL_DTR_OFF = 9;
    static final int CONTROL_RTS_ON = 11;
    static final int CONTROL_RTS_OFF = 12;
    /** PURGE-DATA's value for both the server's receive and transmit buffers. */
    static final int PURGE_BOTH = 3;

    private ComPortOption() {}

    /** SET-BAUDRATE with the rate as four bytes in network order. */
    static byte[] setBaudRate(int baudRate) {
        return ByteBuffer.allocate(5).put((byte) SET_BAUDRATE).putInt(baudRate).array();
    }

    /** A command with a one-byte value. */
    static byte[] command(int command, int value) {
        return new byte[] {(byte) command, (byte) value};
    }

    /** The name RFC 2217 gives a command, for messages. */
    static String name(int command) {
        switch (command) {
            case SET_BAUDRATE: return "SET-BAUDRATE";
            case SET_DATASIZE: return "SET-DATASIZE";
            case SET_PARITY: return "SET-PARITY";
            case SET_STOPSIZE: return "SET-STOPSIZE";
            case SET_CONTROL: return "SET-CONTROL";
            case PURGE_DATA: return "PURGE-DATA";
            default: return "command " + command;
        }
    }
}
