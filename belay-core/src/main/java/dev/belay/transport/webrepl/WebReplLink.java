package dev.belay.transport.webrepl;

import dev.belay.AuthenticationException;
import dev.belay.ConnectionException;
import dev.belay.ConnectionLostException;
import dev.belay.transport.ByteQueue;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    private final String name;
    private final ByteQueue received = new ByteQueue();
    private final CountDownLatch ended = new CountDownLatch(1);
    /** Bytes handed out before the queue's: what the login read past, and what an earlier link left unread. */
    private byte[] pushedBack = new byte[0];
    private volatile Exception failure;

    private WebReplLink(URI address, String name) {
        super(address, new WebReplDraft());
        this.name = name;
        setDaemon(true);
        setConnectionLostTimeout(0);
        setTcpNoDelay(true);
    }

    /**
     * Connects and logs in with {@code password}, within {@code timeoutMillis}. What the board sends
     * from its greeting ({@code \r\nWebREPL connected\r\n>>> }) on is left to be read, after
     * {@code carried} (what the previous link left unread).
     *
     * @throws AuthenticationException when the board answers {@code Access denied}
     * @throws ConnectionException when the board cannot be reached or does not complete the login
     */
    static WebReplLink logIn(URI address, String name, String password, long timeoutMillis, byte[] carried) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        WebReplLink link = new WebReplLink(address, name);
        try {
            link.connectWithin(millisUntil(deadline));
            link.awaitText(PASSWORD_PROMPT, deadline, "the password prompt");
            byte[] typed = (password + "\r").getBytes(StandardCharsets.UTF_8);
            link.send(typed, 0, typed.length);
            String answer = link.awaitText(CONNECTED, deadline, "the answer to the password");
            link.pushedBack = concat(carried, answer.substring(answer.indexOf(CONNECTED))
                    .getBytes(StandardCharsets.ISO_8859_1));
            return link;
        } catch (RuntimeException e) {
            link.shut();
            throw e;
        }
    }

    private void connectWithin(long timeoutMillis) {
        boolean open;
        try {
            open = connectBlocking(Math.max(1, timeoutMillis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("Interrupted while connecting to " + name + ".", e);
        }
        if (!open) {
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

    /** Reads until {@code wanted} has arrived and returns all that was read, as ISO-8859-1 text. */
    private String awaitText(String wanted, long deadline, String awaited) {
        StringBuilder text = new StringBuilder();
        byte[] chunk = new byte[256];
        while (text.indexOf(wanted) < 0) {
            if (text.indexOf(DENIED) >= 0) {
                throw new AuthenticationException("The board at " + name + " refused the WebREPL password (it "
                        + "answered 'Access denied'). Give the PASS of the board's webrepl_cfg.py with "
                        + "DeviceOptions.withPassword.");
            }
            long left = millisUntil(deadline);
            int n = left > 0 ? read(chunk, 0, chunk.length, left) : 0;
            if (n < 0) {
                throw new ConnectionException("The WebREPL at " + name + " closed the connection while Belay waited "
                        + "for " + awaited + " (it sent '" + printable(text) + "'). It serves one client at a "
                        + "time: is another WebREPL client or test run connected to it?");
            }
            if (n == 0 && left <= 0) {
                throw new ConnectionException("The WebREPL at " + name + " did not send " + awaited + " within the "
                        + "connect timeout (it sent '" + printable(text) + "'). Is this a MicroPython WebREPL?");
            }
            text.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }

    private static String printable(CharSequence text) {
        return text.toString().replace("\r", "\\r").replace("\n", "\\n");
    }

    private static long millisUntil(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    private static byte[] concat(byte[] first, byte[] second) {
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

    /** Closes the connection, waiting a moment for the board's answer to the close frame. */
    void shut() {
        close();
        try {
            if (!ended.await(1, TimeUnit.SECONDS)) {
                closeConnection(1006, "the board did not answer the close frame");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeConnection(1006, "interrupted");
        }
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        // The board speaks first: its password prompt is awaited by logIn.
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
        ended.countDown();
    }

    @Override
    public void onError(Exception e) {
        failure = e;
    }
}
