package dev.belay.transport.webrepl;

import dev.belay.AuthenticationException;
import dev.belay.ConnectionException;
import dev.belay.ConnectionLostException;
import dev.belay.transport.ByteQueue;
import dev.belay.transport.Deadline;
import dev.belay.transport.SocketOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.net.SocketFactory;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.TextFrame;
import org.java_websocket.handshake.ServerHandshake;

/**
 * One WebSocket connection to a board's WebREPL, from the login to its close. The board ends a
 * connection on every reset; {@link WebReplTransport} then opens the next one.
 *
 * <p>Java-WebSocket's threads are daemons here, so a link that nobody closed never keeps the JVM
 * alive, and its connection-lost timer is off: boards do not answer pings, and an idle session
 * would otherwise be cut after about two minutes.
 */
final class WebReplLink extends WebSocketClient {

    private static final String PASSWORD_PROMPT = "Password: ";
    private static final String CONNECTED = "\r\nWebREPL connected\r\n";
    private static final String DENIED = "Access denied";
    /** MicroPython's WebSocket layer takes frames with lengths of up to 16 bits. */
    private static final int LARGEST_FRAME = 65_535;
    private static final long DRAIN_POLL_NANOS = 50_000;

    /** TCP keep-alive: boards answer no WebSocket pings, but their network stack answers these. */
    private static final int KEEPALIVE_IDLE_SECONDS = 5;
    private static final int KEEPALIVE_INTERVAL_SECONDS = 2;
    private static final int KEEPALIVE_PROBES = 3;

    private final String name;
    private final Socket socket = new Socket();
    private final ByteQueue received = new ByteQueue();
    private final CountDownLatch settled = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    /** Bytes handed out before the queue's: what the login read past. */
    private byte[] pushedBack = new byte[0];
    private volatile Exception failure;
    /** Whether the WebSocket handshake completed, even if the board closed the connection since. */
    private volatile boolean handshaken;

    private WebReplLink(URI address, String name, int connectMillis) {
        super(address, new WebReplDraft(), null, connectMillis);
        this.name = name;
        setDaemon(true);
        setConnectionLostTimeout(0);
        setTcpNoDelay(true);
        // A board that loses power or WiFi sends no FIN: probes notice within about 11 s of silence.
        SocketOptions.keepAlive(socket, KEEPALIVE_IDLE_SECONDS, KEEPALIVE_INTERVAL_SECONDS, KEEPALIVE_PROBES);
        // Belay's own socket, so that shut() can always close it, whatever state the connect
        // thread is in (Java-WebSocket leaves a socket open when a connect is abandoned early).
        setSocketFactory(new OneSocket(socket));
    }

    /** Hands Java-WebSocket the one socket this link owns; it asks for an unconnected one only. */
    private static final class OneSocket extends SocketFactory {
        private final Socket socket;

        OneSocket(Socket socket) {
            this.socket = socket;
        }

        @Override
        public Socket createSocket() {
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException("only unconnected sockets are handed out");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException("only unconnected sockets are handed out");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException("only unconnected sockets are handed out");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException("only unconnected sockets are handed out");
        }
    }

    /**
     * Connects and logs in with {@code password}: the board must accept the connection (TCP and
     * the WebSocket handshake) before {@code reachBy} and complete the login before
     * {@code loginBy} ({@code reachBy} not after {@code loginBy}). What the board sends after its greeting ({@code \r\nWebREPL connected\r\n},
     * which is swallowed) is left to be read: the friendly prompt {@code >>> }.
     *
     * @throws AuthenticationException when the board answers {@code Access denied}
     * @throws ConnectionException when the board cannot be reached or does not complete the login
     */
    static WebReplLink logIn(URI address, String name, String password, Deadline reachBy, Deadline loginBy) {
        WebReplLink link = new WebReplLink(address, name, (int) Math.min(Integer.MAX_VALUE,
                Math.max(1, reachBy.remainingMillis())));
        try {
            link.connectWithin(reachBy.remainingMillis());
            link.awaitText(PASSWORD_PROMPT, loginBy, "the password prompt", null);
            byte[] typed = (password + "\r").getBytes(StandardCharsets.UTF_8);
            link.send(typed, 0, typed.length);
            String answer = link.awaitText(CONNECTED, loginBy, "the answer to the password", password);
            // The greeting is the login's, not the board's output: a new session is an event of the
            // transport (onNewSession), not text for the layers above to find.
            link.pushedBack = answer.substring(answer.indexOf(CONNECTED) + CONNECTED.length())
                    .getBytes(StandardCharsets.ISO_8859_1);
            return link;
        } catch (RuntimeException e) {
            link.shut();
            throw e;
        }
    }

    /**
     * Connects, waiting on a latch of its own rather than Java-WebSocket's connectBlocking, whose
     * clean-up after a timeout or an interrupt can wait without end.
     */
    private void connectWithin(long timeoutMillis) {
        connect();
        boolean settledInTime;
        try {
            settledInTime = settled.await(Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("Interrupted while connecting to " + name + ".", e);
        }
        // A board that closed right after the handshake (it has a client already) is reported by
        // the wait for the password prompt, which says so.
        if (!settledInTime || !handshaken) {
            Exception why = failure;
            throw new ConnectionException("Could not connect to the WebREPL at " + name + (why == null
                    ? " within " + timeoutMillis + " ms" : ": " + describe(why)) + ". Is the board on the network, "
                    + "with webrepl.start() in its boot.py, and is the address right?", why);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /**
     * Reads until {@code wanted} has arrived and returns all that was read, as ISO-8859-1 text.
     * Messages quote what arrived, with {@code secret} (the password, should the peer echo it) blanked.
     */
    private String awaitText(String wanted, Deadline deadline, String awaited, String secret) {
        StringBuilder text = new StringBuilder();
        byte[] chunk = new byte[256];
        while (text.indexOf(wanted) < 0) {
            if (text.indexOf(DENIED) >= 0) {
                throw new AuthenticationException("The board at " + name + " refused the WebREPL password (it "
                        + "answered 'Access denied'). Give the PASS of the board's webrepl_cfg.py with "
                        + "DeviceOptions.withPassword (in the JUnit extension: belay.password or BELAY_PASSWORD).");
            }
            long left = deadline.remainingMillis();
            int n = left > 0 ? read(chunk, 0, chunk.length, left) : 0;
            if (n < 0) {
                throw new ConnectionException("The WebREPL at " + name + " closed the connection while Belay waited "
                        + "for " + awaited + " (it sent '" + printable(text, secret) + "'). It serves one client at a "
                        + "time: is another WebREPL client or test run connected to it?");
            }
            if (n == 0 && left <= 0) {
                throw new ConnectionException("The WebREPL at " + name + " did not send " + awaited + " within the "
                        + "connect timeout (it sent '" + printable(text, secret) + "'). Is this a MicroPython WebREPL?");
            }
            text.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }

    private static String printable(CharSequence text, String secret) {
        String shown = text.toString();
        if (secret != null && !secret.isEmpty()) {
            shown = shown.replace(secret, "*".repeat(secret.length()));
        }
        return shown.replace("\r", "\\r").replace("\n", "\\n");
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /**
     * Reads what the board sent, waiting up to the timeout.
     *
     * @return bytes read, 0 when the timeout passed, -1 once the connection ended and all was read
     */
    int read(byte[] buffer, int offset, int length, long timeoutMillis) {
        synchronized (this) {
            if (pushedBack.length > 0) {
                int n = Math.min(length, pushedBack.length);
                System.arraycopy(pushedBack, 0, buffer, offset, n);
                pushedBack = Arrays.copyOfRange(pushedBack, n, pushedBack.length);
                return n;
            }
        }
        try {
            return received.take(buffer, offset, length, timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Everything received and not read yet, without waiting; for carrying over to the next link. */
    byte[] unread() {
        byte[] rest;
        synchronized (this) {
            rest = pushedBack;
            pushedBack = new byte[0];
        }
        byte[] chunk = new byte[4096];
        int n;
        while ((n = read(chunk, 0, chunk.length, 0)) > 0) {
            rest = concat(rest, Arrays.copyOf(chunk, n));
        }
        return rest;
    }

    /**
     * Sends the bytes as REPL input, in text frames as the board expects (their payload need not be
     * UTF-8: the board takes bytes).
     *
     * @return false when the connection had ended and nothing was sent
     */
    boolean send(byte[] data, int offset, int length) {
        int done = 0;
        try {
            while (done < length) {
                int n = Math.min(LARGEST_FRAME, length - done);
                TextFrame frame = new TextFrame();
                frame.setFin(true);
                frame.setPayload(ByteBuffer.wrap(Arrays.copyOfRange(data, offset + done, offset + done + n)));
                sendFrame(frame);
                done += n;
            }
            return true;
        } catch (WebsocketNotConnectedException e) {
            if (done > 0) {
                throw new ConnectionLostException("The WebREPL connection to " + name + " ended after "
                        + done + " of " + length + " bytes were sent.");
            }
            return false;
        }
    }

    /**
     * Waits until the frames sent so far were handed to the socket. Java-WebSocket queues frames
     * without bound, and its writing thread blocks once the socket's buffers are full (a board
     * that stopped reading): without this wait a write would never block, and memory would fill.
     *
     * @return true once the queue is empty or the connection ended (the next read then reports
     *     the end); false when the queue did not shrink for {@code stallNanos}
     */
    boolean drained(long stallNanos) {
        if (!(getConnection() instanceof WebSocketImpl engine)) {
            return true;
        }
        int left = engine.outQueue.size();
        Deadline stalled = Deadline.after(java.time.Duration.ofNanos(stallNanos));
        while (left > 0 && isOpen()) {
            if (stalled.hasPassed()) {
                return false;
            }
            // Polled: Java-WebSocket signals nothing when it takes a frame, and it takes one within
            // microseconds unless the socket is full.
            LockSupport.parkNanos(DRAIN_POLL_NANOS);
            int now = engine.outQueue.size();
            if (now < left) {
                stalled = Deadline.after(java.time.Duration.ofNanos(stallNanos)); // the board takes bytes, if slowly
            }
            left = now;
        }
        return true;
    }

    /**
     * Closes the connection, waiting a moment for the board's answer to the close frame, and then
     * the socket in any case.
     */
    void shut() {
        try {
            if (isOpen()) {
                close();
                ended.await(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is all that was asked; the socket is unusable either way.
            }
        }
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        handshaken = true;
        settled.countDown(); // the board speaks first: its password prompt is awaited by logIn
    }

    @Override
    public void onMessage(String message) {
        // Never called: WebReplDraft hands every REPL frame on as bytes.
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        byte[] data = new byte[bytes.remaining()];
        bytes.get(data);
        received.put(data, 0, data.length);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        received.end();
        settled.countDown();
        ended.countDown();
    }

    @Override
    public void onError(Exception e) {
        failure = e;
    }
}
