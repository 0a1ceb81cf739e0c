package dev.belay.junit;

import dev.belay.ConnectionException;
import dev.belay.Device;
import java.util.concurrent.Semaphore;

/**
 * One board of the test run: its device, or why it could not be opened (so every test that needs
 * it fails at once with the same cause, instead of each trying again), and the lock that keeps
 * tests on it from interleaving. Stored in the root context's store, which closes it when the run
 * ends.
 */
final class OpenBoard implements AutoCloseable {

    private final String connection;
    private final Device device;
    private final ConnectionException failure;
    private final Semaphore inUse = new Semaphore(1, true);

    private OpenBoard(String connection, Device device, ConnectionException failure) {
        this.connection = connection;
        this.device = device;
        this.failure = failure;
    }

    static OpenBoard open(String connection, dev.belay.DeviceOptions options) {
        try {
            return new OpenBoard(connection, Device.connect(connection, options), null);
        } catch (ConnectionException e) {
            return new OpenBoard(connection, null, e);
        }
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
            throw new ConnectionException("The board at " + connection + " could not be opened: " + failure.getMessage(),
                    failure);
        }
        return device;
    }

    void lock() {
        inUse.acquireUninterruptibly();
    }

    void unlock() {
        inUse.release();
    }

    @Override
    public void close() {
        if (device != null) {
            device.close();
        }
    }
}
