package dev.belay.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A growable byte FIFO between one pumping thread and one reading thread, with a timed take and
 * an end-of-stream mark: what a transport whose bytes arrive on a thread of their own (a child
 * process's stdout, a WebSocket's reader) reads from. Public for the transports in the
 * sub-packages; not part of the API.
 *
 * <pre>{@code
 * ByteQueue received = new ByteQueue();
 * received.put(bytes, 0, bytes.length);      // the pumping thread
 * int n = received.take(buffer, 0, 64, 100); // the reader: bytes, 0 on timeout, -1 at the end
 * }</pre>
 */
public final class ByteQueue {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private byte[] buffer = new byte[8192];
    private int head;
    private int size;
    private boolean ended;

    public void put(byte[] data, int offset, int length) {
        lock.lock();
        try {
            ensureCapacity(size + length);
            for (int i = 0; i < length; i++) {
                buffer[(head + size + i) % buffer.length] = data[offset + i];
            }
            size += length;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void ensureCapacity(int needed) {
        if (needed <= buffer.length) {
            return;
        }
        byte[] larger = new byte[Math.max(needed, buffer.length * 2)];
        for (int i = 0; i < size; i++) {
            larger[i] = buffer[(head + i) % buffer.length];
        }
        buffer = larger;
        head = 0;
    }

    /** Marks the end of the stream: takes return -1 once the queue is drained. */
    public void end() {
        lock.lock();
        try {
            ended = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * @return bytes taken, 0 when the timeout passed first, -1 when the stream ended and all was taken
     */
    public int take(byte[] target, int offset, int length, long timeoutMillis) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (size == 0) {
                if (ended) {
                    return -1;
                }
                if (remaining <= 0) {
                    return 0;
                }
                remaining = arrived.awaitNanos(remaining);
            }
            int n = Math.min(length, size);
            for (int i = 0; i < n; i++) {
                target[offset + i] = buffer[(head + i) % buffer.length];
            }
            head = (head + n) % buffer.length;
            size -= n;
            return n;
        } finally {
            lock.unlock();
        }
    }
}
