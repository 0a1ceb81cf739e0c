package dev.belay.transport.webrepl;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A board's WebREPL as far as the transport sees it: the password prompt, the greeting, what the
 * board says, a reset that ends the session, and the server stopped (nothing listens any more).
 */
final class FakeWebReplBoard extends WebSocketServer implements AutoCloseable {

    static final String GREETING = "\r\nWebREPL connected\r\n>>> ";

    private final String password;
    private final Set<WebSocket> loggedIn = ConcurrentHashMap.newKeySet();
    private final CountDownLatch started = new CountDownLatch(1);

    private FakeWebReplBoard(int port, String password) {
        super(new InetSocketAddress("127.0.0.1", port));
        this.password = password;
        setReuseAddr(true);
        setDaemon(true);
    }

    /** Listens on {@code port} (0: a free one) once this returns. */
    static FakeWebReplBoard start(int port, String password) throws InterruptedException {
        FakeWebReplBoard board = new FakeWebReplBoard(port, password);
        board.start();
        if (!board.started.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the fake WebREPL did not start");
        }
        return board;
    }

    String address() {
        return "ws://127.0.0.1:" + getPort();
    }

    /** Output of the board, to the logged-in client. */
    void say(String text) {
        loggedIn.forEach(client -> client.send(text));
    }

    /** Ends the session with a close frame, as a board does at every reset; the server goes on listening. */
    void reset() {
        loggedIn.forEach(WebSocket::close);
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket client, ClientHandshake handshake) {
        client.send("Password: ");
    }

    @Override
    public void onMessage(WebSocket client, String message) {
        if (loggedIn.contains(client)) {
            return;
        }
        if (message.equals(password + "\r")) {
            loggedIn.add(client);
            client.send(GREETING);
        } else {
            client.send("\r\nAccess denied\r\n");
            client.close();
        }
    }

    @Override
    public void onClose(WebSocket client, int code, String reason, boolean remote) {
        loggedIn.remove(client);
    }

    @Override
    public void onError(WebSocket client, Exception e) {
        // A client that went away; the transport under test reports what it saw.
    }

    /** Stops listening and ends every session: a board whose WebREPL was stopped, or that is gone. */
    @Override
    public void close() {
        try {
            stop(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
