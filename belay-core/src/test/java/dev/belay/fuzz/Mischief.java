package dev.belay.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One seeded misbehaviour of the hostile board: a {@link Malformation} and the random choices
 * that shape it (where the answer is cut, which bytes come instead, which literal). The same seed
 * plays the same mischief. After it has played, {@link #description()} says what exactly happened.
 *
 * <pre>{@code
 * board.arm(new Mischief(Malformation.WRONG_KIND, 42L, 0));
 * }</pre>
 */
final class Mischief {

    /** Output that never ends. */
    interface Endless {
        /** Fills up to {@code length} bytes; always at least one. */
        int fill(byte[] buffer, int offset, int length);
    }

    /** Receives the two numbers of a board that stops reading. */
    interface Stop {
        void stop(int acceptedFirst, long millis);
    }

    private static final String HUGE_INT = hugeInt(100_000);
    private static final List<String> INVALID_LITERALS = List.of(
            "'\\U00110000'", "'\\U0010ffff\\U00110000'", "'\\ud800'", "'\\x'", "'\\xZZ'", "b'\\xZZ'", "'\\u12'",
            "'\\N{NO SUCH NAME}'", "1e99999", "-1e99999", "1e-99999", "1" + "0".repeat(400) + ".0", "[1, 2", "[1, 2]]",
            "{'a': 1", "(1, 2]", "'abc", "\"abc", "b'", "[" .repeat(100_000) + "]".repeat(100_000),
            "(".repeat(50_000) + "1" + ",)".repeat(50_000), "{'a': ".repeat(30_000) + "1" + "}".repeat(30_000),
            HUGE_INT, "-" + HUGE_INT, "0." + HUGE_INT, HUGE_INT + "e5", "{[1]: 2}", "{{1}: 2}", "{1, [2]}", "{1: 2, 3}",
            "{1, 2: 3}", "<function f at 0x3ffe0>", "<generator object count at 0x3ff10>", "Ellipsis", "...", "nan",
            "inf", "-inf", "float('nan')", "set()", "frozenset({1})", "bytearray(b'ab')", "array('i', [1])",
            "OrderedDict({'a': 1})", "1j", "(1+2j)", "", " ", "\u0000", "'\u0000'", "1_000", "0x1f", "0b101", "0o17",
            "--1", "+1", "~1", "1.2.3", "1e1e1", "1 2", "[1,,2]", "[,]", "{:}", "(,)", "-", "None None", "'a' 'b'",
            "r'raw'", "f'x'", "u'x'", "99999999999999999999.5e308", "-9223372036854775809", "2e308", "True1",
            "[1, 'two', 3.5, None, True", "'\\", "'\\'", "b'\\", "1" + ".5".repeat(3));
    private static final byte[][] NOT_UTF8 = {{(byte) 0xff}, {(byte) 0xfe}, {(byte) 0xc3}, {(byte) 0xe2, (byte) 0x82},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0x80},
            {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
    /** Kind letters and payloads the helper never writes together; null keeps the payload. */
    private static final String[][] WRONG_KINDS = {{"X", null}, {"r", null}, {"e", null}, {"g", null}, {"\u0000", null},
            {"\u0004", null}, {"\u001e", null}, {">", null}, {"G", null}, {"G", "abc"}, {"G", "99999999999999999999999"},
            {"G", "-1"}, {"G", ""}, {"G", "1.5"}, {"G", " 1"}, {"S", null}, {"S", "[1, 2]"}, {"E", "2"}, {"E", ""},
            {"E", "\r\n\r\n"}, {"E", "Traceback (most recent call last):\r\n"}, {"R", "Traceback (most recent call last):"
            + "\r\n  File \"<stdin>\", line 1\r\nZeroDivisionError: divide by zero\r\n"}, {"", null}};

    private final Malformation kind;
    private final long seed;
    private final int skip;
    private volatile String description;

    /**
     * @param kind the malformation
     * @param seed the seed of its random choices
     * @param skip how many commands pass unharmed before it plays
     */
    Mischief(Malformation kind, long seed, int skip) {
        this.kind = kind;
        this.seed = seed;
        this.skip = skip;
        this.description = kind + " (not played: no command came for it)";
    }

    Malformation kind() {
        return kind;
    }

    int skip() {
        return skip;
    }

    /** What happened, once played: the malformation and its variation, for failure messages. */
    String description() {
        return description;
    }

    private void describe(String what) {
        description = kind + (skip > 0 ? " on command " + (skip + 1) : "") + ": " + what;
    }

    /** Plays a board that stops reading: how many bytes of the command it takes first, and for how long it stops. */
    void playStop(Stop stop) {
        Random random = new Random(seed);
        int accepted = random.nextInt(160);
        long millis = 200 + random.nextInt(3_800);
        describe("takes " + accepted + " bytes of the command, then reads nothing for " + millis + " ms");
        stop.stop(accepted, millis);
    }

    /**
     * Answers the command badly. {@code lead} is what precedes the answer ({@code OK}, or the
     * echoed {@code \x04} of raw-paste).
     */
    void play(byte[] lead, BoardAnswer answer, HostileBoard.Reaction board) {
        Random random = new Random(seed);
        byte[] full = concat(lead, answer.bytes());
        switch (kind) {
            case GARBAGE -> garbage(random, full, board);
            case TRUNCATION -> {
                int cut = random.nextInt(full.length);
                describe("cut after " + cut + " of " + full.length + " bytes, then silence until Ctrl-C");
                board.send(Arrays.copyOf(full, cut));
                board.hang();
            }
            case STALL -> stall(random, full, board);
            case ENDLESS_OUTPUT -> endless(random, full, board);
            case STRAY_EOT -> {
                int count = 1 + random.nextInt(3);
                byte[] bytes = full;
                StringBuilder where = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    int at = random.nextInt(bytes.length + 1);
                    where.append(i == 0 ? "" : ", ").append(at);
                    bytes = splice(bytes, at, at, new byte[] {BoardAnswer.EOT});
                }
                describe(count + " stray \\x04 at " + where + " of " + full.length + " bytes");
                board.send(bytes);
            }
            case BANNER_MID_REPLY -> banner(random, full, board);
            case NON_UTF8 -> nonUtf8(random, lead.length, answer, full, board);
            case INVALID_LITERAL -> {
                String literal = INVALID_LITERALS.get(random.nextInt(INVALID_LITERALS.size()));
                describe("payload " + show(literal) + " with kind R");
                byte[] withKind = splice(full, lead.length + answer.kindAt(), lead.length + answer.kindAt() + 1,
                        new byte[] {'R'});
                board.send(splice(withKind, lead.length + answer.payloadFrom(), lead.length + answer.payloadTo(),
                        literal.getBytes(StandardCharsets.UTF_8)));
            }
            case WRONG_KIND -> {
                String[] wrong = WRONG_KINDS[random.nextInt(WRONG_KINDS.length)];
                byte[] bytes = full;
                if (wrong[1] != null) {
                    bytes = splice(bytes, lead.length + answer.payloadFrom(), lead.length + answer.payloadTo(),
                            wrong[1].getBytes(StandardCharsets.UTF_8));
                }
                describe("kind " + show(wrong[0]) + (wrong[1] == null ? " with the payload "
                        + show(new String(full, lead.length + answer.payloadFrom(), answer.payloadTo() - answer.payloadFrom(),
                        StandardCharsets.UTF_8)) : " with payload " + show(wrong[1])));
                board.send(splice(bytes, lead.length + answer.kindAt(), lead.length + answer.kindAt() + 1,
                        wrong[0].getBytes(StandardCharsets.ISO_8859_1)));
            }
            case STOPS_READING -> throw new IllegalStateException("A board that stops reading is played by playStop");
        }
    }

    private void garbage(Random random, byte[] full, HostileBoard.Reaction board) {
        byte[] noise = new byte[1 + random.nextInt(300)];
        random.nextBytes(noise);
        switch (random.nextInt(3)) {
            case 0 -> {
                describe(noise.length + " random bytes instead of the answer, then the board is at its prompt");
                board.send(noise);
            }
            case 1 -> {
                describe(noise.length + " random bytes instead of the answer, then silence until Ctrl-C");
                board.send(noise);
                board.hang();
            }
            default -> {
                int at = random.nextInt(full.length + 1);
                describe(noise.length + " random bytes inserted at " + at + " of the " + full.length + "-byte answer");
                board.send(splice(full, at, at, noise));
            }
        }
    }

    private void stall(Random random, byte[] full, HostileBoard.Reaction board) {
        switch (random.nextInt(4)) {
            case 0 -> {
                describe("no answer at all, silence until Ctrl-C");
                board.hang();
            }
            case 1 -> {
                int lead = full[0] == 'O' ? 2 : 1;
                describe("the command is taken, then silence until Ctrl-C");
                board.send(Arrays.copyOf(full, lead));
                board.hang();
            }
            case 2 -> {
                int piece = 1 + random.nextInt(8);
                long pause = 10 + random.nextInt(70);
                describe("the answer trickles in, " + piece + " bytes every " + pause + " ms (" + full.length + " bytes)");
                for (int at = 0; at < full.length; at += piece) {
                    board.sendLater(Arrays.copyOfRange(full, at, Math.min(full.length, at + piece)), pause);
                }
            }
            default -> {
                long delay = 100 + random.nextInt(1_900);
                describe("the whole answer comes " + delay + " ms late");
                board.sendLater(full, delay);
            }
        }
    }

    private void endless(Random random, byte[] full, HostileBoard.Reaction board) {
        int cut = random.nextInt(full.length);
        Random bytes = new Random(random.nextLong());
        Endless source = switch (random.nextInt(4)) {
            case 0 -> {
                describe("after " + cut + " bytes of the answer, numbered text lines without end");
                yield new Counting();
            }
            case 1 -> {
                describe("after " + cut + " bytes of the answer, random bytes without end");
                yield (buffer, offset, length) -> {
                    byte[] noise = new byte[length];
                    bytes.nextBytes(noise);
                    System.arraycopy(noise, 0, buffer, offset, length);
                    return length;
                };
            }
            case 2 -> {
                describe("after " + cut + " bytes of the answer, '\\x1e_belay_' and 'OK' over and over");
                yield new Repeating("\u001e_belay_OK\u001e".getBytes(StandardCharsets.ISO_8859_1));
            }
            default -> {
                describe("after " + cut + " bytes of the answer, '\\x04\\x04>' over and over");
                yield new Repeating("\u0004\u0004>".getBytes(StandardCharsets.ISO_8859_1));
            }
        };
        board.send(Arrays.copyOf(full, cut));
        board.printForever(source);
    }

    private void banner(Random random, byte[] full, HostileBoard.Reaction board) {
        int at = random.nextInt(full.length + 1);
        byte[] before = Arrays.copyOf(full, at);
        switch (random.nextInt(5)) {
            case 0 -> {
                describe("a hard boot after " + at + " of " + full.length + " bytes: banner and friendly prompt");
                board.send(concat(before, latin1("\u0000" + HostileBoard.BANNER + ">>> ")));
                board.restarted(true);
            }
            case 1 -> {
                describe("a soft reboot in raw mode after " + at + " of " + full.length + " bytes");
                board.send(concat(before, latin1("soft reboot\r\n" + HostileBoard.RAW_PROMPT)));
                board.restarted(false);
            }
            case 2 -> {
                describe("'MPY: soft reboot' and a banner after " + at + " of " + full.length + " bytes");
                board.send(concat(before, latin1("MPY: soft reboot\r\n" + HostileBoard.BANNER + ">>> ")));
                board.restarted(true);
            }
            case 3 -> {
                describe("a banner printed at " + at + " of " + full.length + " bytes, no restart");
                board.send(splice(full, at, at, latin1("\r\nsoft reboot\r\n" + HostileBoard.BANNER)));
            }
            default -> {
                describe("the raw prompt printed at " + at + " of " + full.length + " bytes, no restart");
                board.send(splice(full, at, at, latin1(HostileBoard.RAW_PROMPT)));
            }
        }
    }

    private void nonUtf8(Random random, int leadLength, BoardAnswer answer, byte[] full, HostileBoard.Reaction board) {
        int count = 1 + random.nextInt(4);
        boolean inPayload = answer.call() && random.nextBoolean();
        byte[] bytes = full;
        StringBuilder what = new StringBuilder();
        for (int i = 0; i < count; i++) {
            byte[] bad = NOT_UTF8[random.nextInt(NOT_UTF8.length)];
            int at = inPayload ? leadLength + answer.payloadFrom() + random.nextInt(answer.payloadTo() - answer.payloadFrom() + 1)
                    : random.nextInt(bytes.length + 1);
            what.append(i == 0 ? "" : ", ").append(hex(bad)).append(" at ").append(at);
            bytes = splice(bytes, at, at, bad);
        }
        describe(what + (inPayload ? " (in the payload)" : "") + " of " + full.length + " bytes");
        board.send(bytes);
    }

    /** Numbered lines, as {@code while True: print(i)} prints them. */
    private static final class Counting implements Endless {
        private long number;
        private byte[] pending = new byte[0];
        private int position;

        @Override
        public int fill(byte[] buffer, int offset, int length) {
            int n = 0;
            while (n < length) {
                if (position == pending.length) {
                    pending = latin1("line " + number++ + "\r\n");
                    position = 0;
                }
                int count = Math.min(length - n, pending.length - position);
                System.arraycopy(pending, position, buffer, offset + n, count);
                position += count;
                n += count;
            }
            return n;
        }
    }

    private static final class Repeating implements Endless {
        private final byte[] pattern;
        private int position;

        Repeating(byte[] pattern) {
            this.pattern = pattern;
        }

        @Override
        public int fill(byte[] buffer, int offset, int length) {
            for (int i = 0; i < length; i++) {
                buffer[offset + i] = pattern[position];
                position = (position + 1) % pattern.length;
            }
            return length;
        }
    }

    private static String hugeInt(int digits) {
        Random random = new Random(digits);
        StringBuilder text = new StringBuilder(digits).append((char) ('1' + random.nextInt(9)));
        while (text.length() < digits) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        return text.toString();
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** {@code bytes} with {@code [from, to)} replaced by {@code replacement}. */
    private static byte[] splice(byte[] bytes, int from, int to, byte[] replacement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + replacement.length);
        out.write(bytes, 0, from);
        out.writeBytes(replacement);
        out.write(bytes, to, bytes.length - to);
        return out.toByteArray();
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("\\x%02x", b & 0xff));
        }
        return text.toString();
    }

    /** A literal or letter for a message: escaped, and shortened when long. */
    private static String show(String text) {
        String escaped = text.replace("\u0000", "\\x00").replace("\u0004", "\\x04").replace("\u001e", "\\x1e")
                .replace("\r", "\\r").replace("\n", "\\n");
        if (escaped.length() > 40) {
            escaped = escaped.substring(0, 30) + "...(" + text.length() + " chars)";
        }
        return "'" + escaped + "'";
    }
}
