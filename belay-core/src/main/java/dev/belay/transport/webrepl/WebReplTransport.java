package dev.belay.transport.webrepl;

import dev.belay.AuthenticationException;
import dev.belay.ConnectionException;
import dev.belay.ConnectionLostException;
import dev.belay.transport.Deadline;
import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transport;
import dev.belay.transport.WriterThread;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A board's WebREPL, over WiFi: {@code ws://HOST[:PORT]} (port 8266 by default), logged in with
 * the password of {@link LinkOptions#password()}.
 *
 * <p>The board ends the WebSocket connection on every reset, soft ones included. This transport
 * then logs in again by itself and goes on; listeners given to {@link #onNewSession} hear of it
 * just before the new session's first byte is read: its friendly prompt {@code >>> } (the greeting
 * {@code \r\nWebREPL connected\r\n} belongs to the login and is not passed on). The board must accept a
 * connection again within the {@linkplain LinkOptions#resetGrace() reset grace} (a reset board
 * starts its server again within a moment; one that is off or whose server was stopped never
 * does), and complete the login within the connect timeout. When no new session can be had,
 * reads and writes throw {@link ConnectionLostException}.
 *
 * <pre>{@code
 * try (Transport board = WebReplTransport.open("ws://192.168.1.100",
 *         LinkOptions.defaults().withPassword("python"))) {
 *     board.onNewSession(() -> System.out.println("the board reset"));
 *     board.write(new byte[] {3}, 0, 1);
 * }
 * }</pre>
 */
public final class WebReplTransport implements Transport {

    /** The port MicroPython's {@code webrepl.start()} listens on. */
    public static final int DEFAULT_PORT = 8266;
    /**
     * The longest password a board can match: it keeps only the first 10 characters typed, and
     * compares them, with the closing return, to its password.
     */
    public static final int LONGEST_PASSWORD = 9;
    private static final Logger LOG = LoggerFactory.getLogger(WebReplTransport.class);
    /** Pause between login attempts while a reset board starts its WebREPL again. */
    private static final long RELOGIN_PAUSE_MILLIS = 50;
    /** Below this, a login attempt is not started: it could not finish. */
    private static final long SHORTEST_ATTEMPT_MILLIS = 200;

    private final String name;
    private final URI address;
    private final String password;
    private final long connectTimeoutMillis;
    private final long resetGraceMillis;
    private final long writeTimeoutMillis;
    private final List<Runnable> sessionListeners = new CopyOnWriteArrayList<>();

    private volatile WebReplLink link;
    private volatile boolean closed;
    /** Why a new login failed, once one has: the board is gone, and every later read or write says so at once. */
    private volatile ConnectionLostException gone;
    /** What the ended link left unread: returned before anything of the new session. Guarded by this. */
    private byte[] carried = new byte[0];
    /** Whether the listeners are yet to hear of the current session, once {@link #carried} was read. Guarded by this. */
    private boolean sessionUnannounced;

    private WebReplTransport(String name, URI address, LinkOptions options) {
        this.name = name;
        this.address = address;
        this.password = options.password();
        this.connectTimeoutMillis = options.connectTimeout().toMillis();
        this.resetGraceMillis = options.resetGrace().toMillis();
        this.writeTimeoutMillis = options.writeTimeout().toMillis();
        Deadline deadline = Deadline.after(options.connectTimeout());
        this.link = WebReplLink.logIn(address, name, password, deadline, deadline);
    }

    /**
     * Connects to the WebREPL at {@code connection} and logs in, in one attempt within the connect
     * timeout (reconnecting is the caller's choice).
     *
     * @throws AuthenticationException when the board refuses the password
     * @throws ConnectionException when the address or password cannot work, or the board cannot be reached
     */
    public static WebReplTransport open(String connection, LinkOptions options) {
        URI address = address(connection);
        checkPassword(connection, options.password());
        return new WebReplTransport(connection, address, options);
    }

    /** The WebSocket address of a {@code ws://} connection string, with the default port filled in. */
    static URI address(String connection) {
        if (connection.regionMatches(true, 0, "wss:", 0, 4)) {
            throw new ConnectionException("'" + connection + "' asks for WebREPL over TLS, which MicroPython's "
                    + "WebREPL does not offer. Use ws:// instead.");
        }
        URI uri;
        try {
            uri = new URI(connection);
        } catch (URISyntaxException e) {
            throw new ConnectionException("'" + connection + "' is not a WebREPL address: " + e.getReason()
                    + ". Write it as ws://HOST or ws://HOST:PORT, e.g. ws://192.168.1.100.", e);
        }
        if (!"ws".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new ConnectionException("'" + connection + "' is not a WebREPL address. Write it as ws://HOST or "
                    + "ws://HOST:PORT, e.g. ws://192.168.1.100.");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        return URI.create("ws://" + (uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                ? "[" + uri.getHost() + "]" : uri.getHost()) + ":" + port + "/");
    }

    /** Refuses, before connecting, a password that no board could accept. Never quotes it. */
    static void checkPassword(String connection, String password) {
        if (password == null || password.isEmpty()) {
            throw new ConnectionException("The WebREPL at " + connection + " needs its password: give the PASS of "
                    + "the board's webrepl_cfg.py with DeviceOptions.withPassword(...) (in the JUnit extension, "
                    + "the key belay.password).");
        }
        int length = password.getBytes(StandardCharsets.UTF_8).length;
        if (length > LONGEST_PASSWORD) {
            throw new ConnectionException(String.format(Locale.ROOT, "The WebREPL password given for %s has %d "
                    + "%s, but a MicroPython board accepts at most %d: it keeps only the first 10 "
                    + "characters typed, so a longer password can never match. Set a password of 4 to 9 "
                    + "ASCII characters in the board's webrepl_cfg.py and give the same one here.",
                    connection, length, length == password.length() ? "characters" : "bytes in UTF-8",
                    LONGEST_PASSWORD));
        }
        if (password.indexOf('\r') >= 0 || password.indexOf('\n') >= 0) {
            throw new ConnectionException("The WebREPL password given for " + connection + " holds a line break, "
                    + "which ends the password at the board's prompt: no board can match it.");
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length, long timeoutMillis) {
        WebReplLink current;
        boolean announce;
        synchronized (this) {
            current = current();
            if (carried.length > 0) {
                int n = Math.min(length, carried.length);
                System.arraycopy(carried, 0, buffer, offset, n);
                carried = Arrays.copyOfRange(carried, n, carried.length);
                return n;
            }
            announce = sessionUnannounced;
            sessionUnannounced = false;
        }
        if (announce) {
            sessionListeners.forEach(Runnable::run);
        }
        int n = current.read(buffer, offset, length, timeoutMillis);
        if (n >= 0) {
            return n;
        }
        renewed(current);
        return read(buffer, offset, length, 0);
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        WebReplLink current = current();
        if (!current.send(data, offset, length)) {
            current = renewed(current);
            if (!current.send(data, offset, length)) {
                throw lost("the new session ended at once", null);
            }
        }
        if (!current.drained(writeTimeoutMillis * 1_000_000L)) {
            throw WriterThread.stalled(name, Duration.ofMillis(writeTimeoutMillis), "its WebREPL stopped reading (the "
                    + "board is busy or stuck, or the network stalls)");
        }
    }

    @Override
    public void onNewSession(Runnable listener) {
        sessionListeners.add(listener);
    }

    private WebReplLink current() {
        if (closed) {
            throw new ConnectionLostException("The WebREPL connection to " + name + " was closed.");
        }
        if (gone != null) {
            throw new ConnectionLostException(gone.getMessage(), gone);
        }
        return link;
    }

    /**
     * The link after {@code ended}: a new login, retried while the board (after a reset) starts
     * its WebREPL again, as long as the reset grace allows to reach it and the connect timeout to
     * log in. What the ended link received and nobody read yet is read first, so nothing the
     * board said is lost, and the session listeners hear of the new session after it.
     */
    private synchronized WebReplLink renewed(WebReplLink ended) {
        if (link != ended) {
            return link; // another thread renewed it already
        }
        carried = WebReplLink.concat(carried, ended.unread());
        ended.shut();
        Deadline reachBy = Deadline.after(Duration.ofMillis(resetGraceMillis));
        Deadline loginBy = Deadline.after(Duration.ofMillis(connectTimeoutMillis));
        ConnectionException last = null;
        while (!closed && !Thread.currentThread().isInterrupted() && !reachBy.hasPassed()
                && loginBy.remainingMillis() >= SHORTEST_ATTEMPT_MILLIS) {
            try {
                WebReplLink fresh = WebReplLink.logIn(address, name, password, reachBy, loginBy);
                if (closed) {
                    fresh.shut(); // closed meanwhile by another thread: leave the board's only slot free
                    break;
                }
                link = fresh;
                sessionUnannounced = true;
                LOG.debug("Logged in to {} again after the board ended the session", name);
                return fresh;
            } catch (AuthenticationException e) {
                throw e;
            } catch (ConnectionException e) {
                last = e;
            }
            pause();
        }
        gone = lost(closed ? "the transport was closed" : Thread.currentThread().isInterrupted()
                ? "the thread was interrupted while logging in again" : whyNoLogin(loginBy, last), last);
        throw gone;
    }

    private String whyNoLogin(Deadline loginBy, ConnectionException last) {
        String cause = last == null ? "" : ": " + last.getMessage();
        if (resetGraceMillis < connectTimeoutMillis && loginBy.remainingMillis() >= SHORTEST_ATTEMPT_MILLIS) {
            return String.format(Locale.ROOT, "it took no new connection within %.1f s (a board that only reset "
                    + "listens again sooner): it is off or off the network, or its WebREPL was stopped%s",
                    resetGraceMillis / 1000.0, cause);
        }
        return "logging in again failed within " + connectTimeoutMillis + " ms" + cause;
    }

    private static void pause() {
        try {
            Thread.sleep(RELOGIN_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ConnectionLostException lost(String what, Exception cause) {
        return new ConnectionLostException("The WebREPL session with " + name + " ended (the board reset, or it "
                + "left the network) and " + what + ".", cause);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        closed = true;
        link.shut();
    }
}
