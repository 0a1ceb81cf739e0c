package dev.belay.virtual;

import dev.belay.ConnectionException;
import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transport;
import dev.belay.transport.TransportProvider;
import dev.belay.transport.serial.SerialTransport;
import dev.belay.transport.webrepl.WebReplTransport;
import java.security.SecureRandom;
import java.util.function.Function;

/**
 * {@code virtual:micropython} and {@code virtual:microbit}: starts a software board of its own
 * and opens its pty with the same serial transport a USB board gets. Closing the transport stops
 * the board.
 *
 * <p>{@code virtual:micropython+webrepl} starts the MicroPython board with WebREPL and talks to it
 * over {@code ws://127.0.0.1:PORT} instead, with the password of the options (or a random one when
 * none is given): the whole stack as a board on WiFi gets it, from a configuration string alone.
 */
public final class VirtualTransportProvider implements TransportProvider {

    private static final String SCHEME = "virtual:";
    private static final String WEBREPL = "+webrepl";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String describe() {
        return "virtual:micropython, virtual:microbit or virtual:micropython+webrepl (software boards)";
    }

    @Override
    public boolean accepts(String connection) {
        return connection.startsWith(SCHEME);
    }

    @Override
    public Transport open(String connection, LinkOptions options) {
        String id = connection.substring(SCHEME.length());
        boolean webRepl = id.endsWith(WEBREPL);
        BoardKind kind;
        try {
            kind = BoardKind.fromId(webRepl ? id.substring(0, id.length() - WEBREPL.length()) : id);
        } catch (IllegalArgumentException e) {
            throw new ConnectionException(e.getMessage(), e);
        }
        if (webRepl && kind != BoardKind.MICROPYTHON) {
            throw new ConnectionException("Only virtual:micropython serves WebREPL ('" + connection + "' was asked "
                    + "for); the micro:bit has no network.");
        }
        if (!webRepl) {
            VirtualBoard board = VirtualBoards.start(kind);
            return owning(connection, board, o -> SerialTransport.open(board.port().toString(), o), options);
        }
        // Reopens get the caller's options again: the password chosen here goes with each of them.
        String password = options.password() != null ? options.password() : randomPassword();
        VirtualBoard board = VirtualBoards.startWithWebRepl(password);
        String address = board.webRepl().orElseThrow();
        return owning(connection, board, o -> WebReplTransport.open(address, o.withPassword(password)), options);
    }

    private static String randomPassword() {
        String letters = "abcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < WebReplTransport.LONGEST_PASSWORD; i++) {
            password.append(letters.charAt(RANDOM.nextInt(letters.length())));
        }
        return password.toString();
    }

    /** Opens the link to a board just started; on failure the board is stopped again. */
    private static Transport owning(String name, VirtualBoard board, Function<LinkOptions, Transport> link,
            LinkOptions options) {
        try {
            return new BoardTransport(name, board, link, link.apply(options));
        } catch (RuntimeException e) {
            board.close();
            throw e;
        }
    }

    /** The link to the board (its pty, or its WebREPL), owning the board. */
    private record BoardTransport(String name, VirtualBoard board, Function<LinkOptions, Transport> opener,
            Transport link) implements Transport {

        @Override
        public int read(byte[] buffer, int offset, int length, long timeoutMillis) {
            return link.read(buffer, offset, length, timeoutMillis);
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            link.write(data, offset, length);
        }

        @Override
        public void onNewSession(Runnable listener) {
            link.onNewSession(listener);
        }

        /** Keeps the board: only the link to it is opened anew. */
        @Override
        public Transport reopen(LinkOptions options) {
            link.close();
            return new BoardTransport(name, board, opener, opener.apply(options));
        }

        @Override
        public void close() {
            try {
                link.close();
            } finally {
                board.close();
            }
        }
    }
}
