package dev.belay.repl;

import java.util.Arrays;

/**
 * Bytes from the board kept up to a limit: past it the oldest are dropped and counted, so a board
 * that prints without end costs a fixed amount of memory.
 */
final class BoundedBytes {

    private final int limit;
    private byte[] data = new byte[256];
    private int start;
    private int size;
    private long dropped;

    BoundedBytes(int limit) {
        this.limit = limit;
    }

    void write(byte[] bytes, int offset, int length) {
        if (length >= limit) {
            dropped += size + (length - limit);
            data = Arrays.copyOfRange(bytes, offset + length - limit, offset + length);
            start = 0;
            size = limit;
            return;
        }
        int overflow = size + length - limit;
        if (overflow > 0) {
            start += overflow;
            size -= overflow;
            dropped += overflow;
        }
        if (start + size + length > data.length) {
            byte[] grown = new byte[Math.min(limit, Math.max(data.length * 2, size + length)) ];
            System.arraycopy(data, start, grown, 0, size);
            data = grown;
            start = 0;
        }
        System.arraycopy(bytes, offset, data, start + size, length);
        size += length;
    }

    /** How many of the oldest bytes were dropped. */
    long dropped() {
        return dropped;
    }

    byte[] toByteArray() {
        return Arrays.copyOfRange(data, start, start + size);
    }

    /** Whether the kept bytes end with {@code suffix}. */
    boolean endsWith(byte[] suffix) {
        if (size < suffix.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (data[start + size - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    /** How many kept bytes equal {@code b}. */
    int count(byte b) {
        int n = 0;
        for (int i = start; i < start + size; i++) {
            if (data[i] == b) {
                n++;
            }
        }
        return n;
    }
}
