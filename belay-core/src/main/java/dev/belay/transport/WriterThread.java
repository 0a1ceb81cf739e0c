package dev.belay.transport;

import dev.belay.DeviceTimeoutException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Writes to a blocking sink (a child process's stdin, a serial port) on a thread of its own, so
 * that a writer can stop waiting when the board stops taking bytes: a write to a full pipe or a
 * held serial line blocks in the kernel, and nothing but the board reading again ends it. Bytes
 * are handed over in order; those of a write that gave up are still written, before anything
 * written after them, should the board read again. Public for the transports in the
 * sub-packages; not part of the API.
 *
 * <pre>{@code
 * WriterThread stdin = new WriterThread(out::write, Duration.ofSeconds(5), "belay-exec-stdin");
 * if (!stdin.write(bytes, 0, bytes.length)) {
 *     // the board took no byte for 5 s
 * }
 * }</pre>
 */
public final class WriterThread {

    /** Where the bytes go; blocks until it took them all, throws when it never can. */
    public interface Sink {
        void write(byte[] data, int offset, int length) throws IOException;
    }

    /** Hand-over size: small enough that progress shows while a pipe fills up slowly. */
    private static final int SLICE = 4096;

    private final Sink out;
    private final long stallNanos;
    private final Deque<byte[]> pending = new ArrayDeque<>();
    /** Bytes ever queued, and ever taken by the stream; both only grow. */
    private long queued;
    private long taken;
    private IOException failure;
    private boolean closed;

    public WriterThread(Sink out, Duration stallTimeout, String threadName) {
        this.out = out;
        this.stallNanos = stallTimeout.toNanos();
        Thread thread = new Thread(this::pump, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues the bytes and waits until the sink took them all.
     *
     * @return true once every byte (and every byte queued before) was taken; false when the
     *     sink took no byte for the stall timeout, the bytes staying queued
     * @throws IOException when the sink failed (the pipe went away), now or for earlier bytes
     */
    public synchronized boolean write(byte[] data, int offset, int length) throws IOException, InterruptedException {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new IOException("the transport was closed");
        }
        for (int done = 0; done < length; done += SLICE) {
            pending.add(Arrays.copyOfRange(data, offset + done, offset + Math.min(length, done + SLICE)));
        }
        queued += length;
        notifyAll();
        long lastTaken = taken;
        Deadline stalled = Deadline.after(Duration.ofNanos(stallNanos));
        while (taken < queued) {
            if (failure != null) {
                throw failure;
            }
            if (closed) {
                throw new IOException("the transport was closed while writing");
            }
            if (stalled.hasPassed()) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, stalled.remainingNanos()));
            if (taken != lastTaken) {
                lastTaken = taken;
                stalled = Deadline.after(Duration.ofNanos(stallNanos)); // it reads, if slowly: the clock starts again
            }
        }
        return true;
    }

    /**
     * Stops handing bytes over once the current slice is done; a slice blocked in the sink ends
     * when its pipe is closed (the process stopped, the port closed).
     */
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    private void pump() {
        while (true) {
            byte[] slice;
            synchronized (this) {
                while (pending.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                slice = pending.peek();
            }
            try {
                out.write(slice, 0, slice.length);
            } catch (IOException e) {
                synchronized (this) {
                    failure = e;
                    notifyAll();
                }
                return;
            }
            synchronized (this) {
                pending.poll();
                taken += slice.length;
                notifyAll();
            }
        }
    }

    /**
     * The exception of a write the board took no bytes of for {@code writeTimeout}, the same from
     * every transport; {@code why} says what stops the board reading, on this kind of link.
     */
    public static DeviceTimeoutException stalled(String name, Duration writeTimeout, String why) {
        return new DeviceTimeoutException(String.format(Locale.ROOT, "The board at %s took no bytes for %.1f s: %s. "
                + "What it did not take may still reach it later, in order.", name, writeTimeout.toMillis() / 1000.0,
                why));
    }
}
