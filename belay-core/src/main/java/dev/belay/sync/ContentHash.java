package dev.belay.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** The hash a sync compares a local file with its board copy by, computed as the board's helpers do. */
final class ContentHash {

    private ContentHash() {}

    /** SHA-256 (a {@code byte[]}) where the board has hashlib; else the 32-bit FNV-1a (a {@code Long}) its fallback computes. */
    static Object of(byte[] content, boolean sha256) {
        if (sha256) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(content);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("This JVM has no SHA-256.", e);
            }
        }
        long h = 0x811c9dc5L;
        for (byte b : content) {
            h = ((h ^ (b & 0xff)) * 0x01000193L) & 0xffffffffL;
        }
        return h;
    }

    static Object of(LocalFile file, boolean sha256) {
        return of(read(file.path()), sha256);
    }

    /** Whether a value is a hash of the kind the board computes: 32 bytes, or an unsigned 32-bit number. */
    static boolean isHash(Object value, boolean sha256) {
        return sha256 ? value instanceof byte[] bytes && bytes.length == 32
                : value instanceof Long h && h >= 0 && h <= 0xffffffffL;
    }

    static boolean same(Object board, Object local) {
        if (board instanceof byte[] a && local instanceof byte[] b) {
            return Arrays.equals(a, b);
        }
        return board != null && board.equals(local);
    }

    static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new SyncException("Could not read " + path + ": " + e.getMessage(), e);
        }
    }
}
