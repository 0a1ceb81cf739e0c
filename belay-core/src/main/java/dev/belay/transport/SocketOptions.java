package dev.belay.transport;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketOption;
import jdk.net.ExtendedSocketOptions;

/**
 * TCP keep-alive with times a board's link needs, for the transports that reach a board over TCP
 * (WebREPL, a serial server): a peer that loses power or network sends no FIN, and the system's
 * default of two hours of silence before the first probe would leave the connection looking idle.
 *
 * <pre>{@code
 * SocketOptions.keepAlive(socket, 10, 5, 3); // dead after about 25 s of silence
 * }</pre>
 */
public final class SocketOptions {

    private SocketOptions() {}

    /**
     * Turns keep-alive on with the first probe after {@code idleSeconds} of silence, then one every
     * {@code intervalSeconds}, and the connection ended after {@code probes} unanswered ones. Where
     * the system cannot set the times, its own apply: a dead peer is still noticed, only later.
     */
    public static void keepAlive(Socket socket, int idleSeconds, int intervalSeconds, int probes) {
        try {
            socket.setKeepAlive(true);
            set(socket, ExtendedSocketOptions.TCP_KEEPIDLE, idleSeconds);
            set(socket, ExtendedSocketOptions.TCP_KEEPINTERVAL, intervalSeconds);
            set(socket, ExtendedSocketOptions.TCP_KEEPCOUNT, probes);
        } catch (UnsupportedOperationException | IOException | LinkageError e) {
            // The system's keep-alive times apply.
        }
    }

    private static void set(Socket socket, SocketOption<Integer> option, int value) throws IOException {
        if (socket.supportedOptions().contains(option)) {
            socket.setOption(option, value);
        }
    }
}
