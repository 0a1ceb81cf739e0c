package dev.belay.junit;

import dev.belay.BelayException;
import dev.belay.ConnectionException;
import dev.belay.Device;
import dev.belay.Implementation;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One board of the test run: its device, or why it could not be opened (so every test that needs
 * it fails at once with the same cause, instead of each trying again), where its connection string
 * came from, and the lock that keeps tests on it from interleaving. Its {@link BoardPool} closes
 * it when the run ends.
 */
final class OpenBoard implements AutoCloseable {

    private final String name;
    /** Which board of a pool this is, {@code 2/3}; empty for a board of its own. */
    private final String member;
    private final Setting port;
    private final Device device;
    private final ConnectionException failure;
    private final BoardLock lock;
    private final Duration lockTimeout;
    /** Asked once per run, holding the board; the firmware does not change while it is connected. */
    private volatile Implementation implementation;
    /** Why the board could not describe its firmware, remembered like the answer. */
    private volatile BelayException implementationFailure;

    private OpenBoard(BoardSettings settings, Setting port, String member, Device device, ConnectionException failure) {
        this.name = settings.label();
        this.member = member;
        this.port = port;
        this.device = device;
        this.failure = failure;
        this.lock = new BoardLock(describe(name, member, port.value()), settings.key(BelayDevice.LOCK_TIMEOUT_KEY));
        this.lockTimeout = settings.lockTimeout();
    }

    /**
     * Says once per run which board this is and why, then connects.
     *
     * @param member which board of a pool it is, {@code 2/3}, or empty
     */
    static OpenBoard open(BoardSettings settings, Setting port, String member, Consumer<String> log) {
        log.accept("board '" + settings.label() + "' = " + port);
        try {
            return new OpenBoard(settings, port, member, Device.connect(port.value(), settings.options(member)), null);
        } catch (ConnectionException e) {
            return new OpenBoard(settings, port, member, null, e);
        }
    }

    /** {@code 'default' (/dev/ttyACM0)}, or for a board of a pool {@code 'default' 2/3 (virtual:micropython)}. */
    static String describe(String name, String member, String port) {
        return "'" + name + "'" + (member.isEmpty() ? "" : " " + member) + " (" + port + ")";
    }

    /** The board's name: {@code default}, or the one {@code @BelayDevice("sensor")} gives it. */
    String name() {
        return name;
    }

    /** The board's name and connection string: {@code 'default' (/dev/ttyACM0)}, {@code 'default' 2/3 (...)}. */
    String describe() {
        return describe(name, member, port.value());
    }

    /** The connection string and where it came from: {@code /dev/ttyACM0 (environment variable BELAY_PORT)}. */
    Setting port() {
        return port;
    }

    boolean isOpen() {
        return device != null;
    }

    ConnectionException failure() {
        return failure;
    }

    /** The device, or the connection failure, thrown anew for this test. */
    Device device() {
        if (device == null) {
            throw new ConnectionException("The board at " + port.value() + " could not be opened: " + failure.getMessage(),
                    failure);
        }
        return device;
    }

    /**
     * Which firmware the board runs, asked of it the first time (holding it for {@code context}) and
     * remembered for the run, as is a failure to answer: a board that cannot describe its firmware
     * is not asked again by every test.
     */
    Implementation implementation(ExtensionContext context) {
        if (implementation == null && implementationFailure == null) {
            hold(context);
            try {
                if (implementation == null && implementationFailure == null) {
                    implementation = device().implementation();
                }
            } catch (ConnectionException e) {
                throw e; // not the firmware's answer: the board could not be reached
            } catch (BelayException e) {
                implementationFailure = e;
            } finally {
                release(context);
            }
        }
        if (implementationFailure != null) {
            throw implementationFailure;
        }
        return implementation;
    }

    /** Takes the board for the invocation {@code context} stands for, waiting up to the lock timeout. */
    void hold(ExtensionContext context) {
        lock.acquire(context.getUniqueId(), context.getDisplayName(), lockTimeout);
    }

    void release(ExtensionContext context) {
        lock.release(context.getUniqueId());
    }

    /** Closing twice does nothing: {@link Device#close()} is idempotent. */
    @Override
    public void close() {
        if (device != null) {
            device.close();
        }
    }
}
