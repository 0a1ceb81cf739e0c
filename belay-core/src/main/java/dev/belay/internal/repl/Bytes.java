package dev.belay.internal.repl;

/** Shows bytes from the wire the way Python's repr would, so control characters are visible in messages. */
final class Bytes {

    private Bytes() {}

    static String show(byte[] data, int offset, int length) {
        StringBuilder out = new StringBuilder(length + 8);
        for (int i = offset; i < offset + length; i++) {
            int b = data[i] & 0xff;
            switch (b) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                default -> {
                    if (b >= 0x20 && b < 0x7f) {
                        out.append((char) b);
                    } else {
                        out.append(String.format("\\x%02x", b));
                    }
                }
            }
        }
        return out.toString();
    }

    static String show(byte[] data) {
        return show(data, 0, data.length);
    }
}
