package dev.belay.virtual;

import dev.belay.ConnectionException;
import dev.belay.DeviceOptions;
import dev.belay.transport.Transport;
import dev.belay.transport.TransportProvider;
import dev.belay.transport.serial.SerialTransport;

/**
 * {@code virtual:micropython} and {@code virtual:microbit}: starts a software board of its own
 * and opens its pty with the same serial transport a USB board gets. Closing the transport stops
 * the board.
 */
public final class VirtualTransportProvider implements TransportProvider {

    private static final String SCHEME = "virtual:";

    @Override
    public String describe() {
        return "virtual:micropython or virtual:microbit (software boards)";
    }

    @Override
    public boolean accepts(String connection) {
        return connection.startsWith(SCHEME);
    }

    @Override
    public Transport open(String connection, DeviceOptions options) {
        BoardKind kind;
        try {
            kind = BoardKind.fromId(connection.substring(SCHEME.length()));
        } catch (IllegalArgumentException e) {
            throw new ConnectionException(e.getMessage(), e);
        }
        VirtualBoard board = VirtualBoards.start(kind);
        try {
            return new BoardTransport(connection, board, SerialTransport.open(board.port().toString(), options));
        } catch (RuntimeException e) {
            board.close();
            throw e;
        }
    }

    /** The board's serial transport, owning the board. */
    private record BoardTransport(String name, VirtualBoard board, Transport serial) implements Transport {

        @Override
        public int read(byte[] buffer, int offset, int length, long timeoutMillis) {
            return serial.read(buffer, offset, length, timeoutMillis);
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            serial.write(data, offset, length);
        }

        /** Keeps the board: only the pty connection is opened anew. */
        @Override
        public Transport reopen(DeviceOptions options) {
            serial.close();
            return new BoardTransport(name, board, SerialTransport.open(board.port().toString(), options));
        }

        @Override
        public void close() {
            try {
                serial.close();
            } finally {
                board.close();
            }
        }
    }
}
