package dev.belay.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A well-formed answer to one raw REPL command, from the byte after {@code OK} (or the raw-paste
 * echo) to the closing {@code >}, with the positions a malformation aims at.
 *
 * <p>Plain commands: output, {@code \x04}, exception text, {@code \x04}, {@code >}. Calls through
 * {@code _belay_run}: {@code \x1e}, output, the marker, a kind letter, the payload, {@code \x1f},
 * {@code \x04\x04>}. A call that failed before it ran starts with the {@code \x04}.
 *
 * @param bytes        the answer
 * @param call         whether it is a call's result frame (a kind letter and a payload are in it)
 * @param kindAt       index of the kind letter, -1 when there is none
 * @param payloadFrom  index of the payload's first byte, -1 when there is none
 * @param payloadTo    index after the payload's last byte
 */
record BoardAnswer(byte[] bytes, boolean call, int kindAt, int payloadFrom, int payloadTo) {

    static final byte RS = 0x1e;
    static final byte US = 0x1f;
    static final byte EOT = 0x04;

    /** A command that ran: what it printed and the exception text (empty when it raised none). */
    static BoardAnswer ran(String output, String error) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, output);
        out.write(EOT);
        write(out, error);
        out.write(EOT);
        out.write('>');
        return new BoardAnswer(out.toByteArray(), false, -1, -1, -1);
    }

    /** A call that failed before the helper ran (the helpers are gone): the board's own traceback. */
    static BoardAnswer notRun(String error) {
        return ran("", error);
    }

    /** A call the helper reported on: {@code kind} R, E, G or S and its payload. */
    static BoardAnswer called(String marker, char kind, String payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(RS);
        write(out, marker);
        int kindAt = out.size();
        out.write(kind);
        int payloadFrom = out.size();
        write(out, payload);
        int payloadTo = out.size();
        out.write(US);
        out.write(EOT);
        out.write(EOT);
        out.write('>');
        return new BoardAnswer(out.toByteArray(), true, kindAt, payloadFrom, payloadTo);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
