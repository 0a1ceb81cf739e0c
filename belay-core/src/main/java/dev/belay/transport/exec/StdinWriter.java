package dev.belay.transport.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * Writes to a child process's stdin on a thread of its own, so that a writer can stop waiting
 * when the child stops reading: a write to a full pipe blocks in the kernel, and nothing but the
 * reader can end that. Bytes are handed over in order; those of a write that gave up are still
 * written, before anything written after them, should the child read again.
 *
 * <pre>{@code
 * StdinWriter stdin = new StdinWriter(process.getOutputStream(), Duration.ofSeconds(5), "belay-exec-stdin");
 * if (!stdin.write(bytes, 0, bytes.length)) {
 *     // the child took no byte for 5 s
 * }
 * }</pre>
 */
final class StdinWriter {

    /** Hand-over size: small enough that progress shows while a pipe fills up slowly. */
    private static final int SLICE = 4096;

    private final OutputStream out;
    private final long stallNanos;
    private final Deque<byte[]> pending = new ArrayDeque<>();
    /** Bytes ever queued, and ever taken by the stream; both only grow. */
    private long queued;
    private long taken;
    private IOException failure;
    private boolean closed;

    StdinWriter(OutputStream out, Duration stallTimeout, String threadName) {
        this.out = out;
        this.stallNanos = stallTimeout.toNanos();
        Thread thread = new Thread(this::pump, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues the bytes and waits until the stream took them all.
     *
     * @return true once every byte (and every byte queued before) was taken; false when the
     *     stream took no byte for the stall timeout, the bytes staying queued
     * @throws IOException when the stream failed (the child closed its stdin or ended)
     */
    synchronized boolean write(byte[] data, int offset, int length) throws IOException, InterruptedException {
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
        long deadline = System.nanoTime() + stallNanos;
        while (taken < queued) {
            if (failure != null) {
                throw failure;
            }
            if (closed) {
                throw new IOException("the transport was closed while writing");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
            if (taken != lastTaken) {
                lastTaken = taken;
                deadline = System.nanoTime() + stallNanos; // it reads, if slowly: the clock starts again
            }
        }
        return true;
    }

    /** Stops handing bytes over once the current one is done; a write blocked in the pipe ends with the child. */
    synchronized void close() {
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
                out.write(slice);
                out.flush();
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
}
