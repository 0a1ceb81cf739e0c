package dev.belay.fuzz;

import dev.belay.ConnectionLostException;
import dev.belay.transport.LineState;
import dev.belay.transport.Transport;
import dev.belay.transport.WriterThread;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory board that speaks MicroPython's raw REPL (prompts, raw-paste with flow control,
 * soft reset, Ctrl-C) and answers Belay's helper install and calls as belay_helpers.py would,
 * until it is armed with a {@link Mischief}: then one command gets a malformed answer, and the
 * board behaves again.
 *
 * <p>The board outlives connections, as a real one does: each {@link #connect} hands out a new
 * {@link Transport}, and the previous one is dead from then on. {@link Link#cut()} kills a
 * connection from another thread (the fuzz test's watchdog), which also unblocks a write to a
 * board that stopped reading.
 *
 * <pre>{@code
 * HostileBoard board = HostileBoardProvider.register("lane-1");
 * Device device = Device.connect("hostile:lane-1", options);
 * board.arm(new Mischief(Malformation.TRUNCATION, seed, 0));
 * device.eval("1 + 1"); // gets a truncated answer, then silence
 * }</pre>
 */
final class HostileBoard {

    static final int WINDOW = 128;
    static final String RAW_PROMPT = "raw REPL; CTRL-B to exit\r\n>";
    static final String BANNER = "MicroPython v1.22.0 on 2024-01-01; hostile board with fuzz\r\n"
            + "Type \"help()\" for more information.\r\n";
    static final String KEYBOARD_INTERRUPT = "\u0004Traceback (most recent call last):\r\n  File \"<stdin>\", "
            + "line 1, in <module>\r\nKeyboardInterrupt: \r\n\u0004>";
    /** The most a read hands out of endless output, so that a slow reader is not flooded in one go. */
    private static final int ENDLESS_PIECE = 512;

    private enum Mode { FRIENDLY, RAW, PASTE, RUNNING }

    /** Bytes the board sent, readable from {@code due} on (System.nanoTime). */
    private static final class Chunk {
        final byte[] data;
        final long due;
        int position;

        Chunk(byte[] data, long due) {
            this.data = data;
            this.due = due;
        }
    }

    private final CannedPython python = new CannedPython();
    private final Deque<Chunk> outbox = new ArrayDeque<>();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private Mode mode = Mode.FRIENDLY;
    private int pasteRequest;
    private int windowLeft;
    private long busyUntil;
    private boolean busyForever;
    /** The running program turned Ctrl-C off (micropython.kbd_intr(-1)): only a reset ends it. */
    private boolean deaf;
    /** EN held low through the modem lines, as an ESP32 devkit's auto-reset circuit does. */
    private boolean heldInReset;
    private final java.util.List<String> lineChanges = new java.util.ArrayList<>();
    private Mischief.Endless endless;
    private Link current;
    private int commandsRun;
    private int commandsStarted;
    private Mischief armed;
    private int connections;
    /** Scripted answers, each for the next command that holds its trigger: for tests of one exact misbehaviour. */
    private final java.util.Map<String, Script> scripts = new java.util.LinkedHashMap<>();
    private int armedAtRun;
    private int armedAtStart;
    private int acceptBeforeStop = -1;
    private long stoppedFor;
    private long resumeReadingAt;

    /** A new connection to this board; the one before it is dead from now on. */
    synchronized Link connect(String name, java.time.Duration writeTimeout) {
        if (current != null) {
            current.cut();
        }
        connections++;
        current = new Link(name, writeTimeout.toNanos());
        return current;
    }

    /** How many connections were opened to this board so far. */
    synchronized int connections() {
        return connections;
    }

    /** Whether a writer is blocked because the board stopped reading. */
    synchronized boolean readingStopped() {
        return resumeReadingAt - System.nanoTime() > 0;
    }

    /** Every change of the modem lines so far, as {@code dtr=OFF rts=ON}. */
    synchronized java.util.List<String> lineChanges() {
        return java.util.List.copyOf(lineChanges);
    }

    /** Cuts the current connection, as the watchdog does: a read or write blocked on it throws at once. */
    synchronized void cutConnection() {
        if (current != null) {
            current.cut();
        }
    }

    /** The next command (or, for call-only malformations, the next call) after {@code mischief.skip()} more gets it. */
    synchronized void arm(Mischief mischief) {
        armed = mischief;
        armedAtRun = commandsRun;
        armedAtStart = commandsStarted;
    }

    /**
     * Takes back a mischief that has not played yet, and makes a board that stopped reading read
     * again (the round is over: the board behaves from now on). Returns whether it had played.
     */
    synchronized boolean disarm() {
        Mischief was = armed;
        armed = null;
        acceptBeforeStop = -1;
        resumeReadingAt = System.nanoTime();
        notifyAll();
        return was == null;
    }

    /** One connection: a {@link Transport} onto the board that can be cut from another thread. */
    final class Link implements Transport {
        private final String name;
        private final long writeTimeoutNanos;
        private boolean dead;
        private boolean cut;

        private Link(String name, long writeTimeoutNanos) {
            this.name = name;
            this.writeTimeoutNanos = writeTimeoutNanos;
        }

        /** Ends this connection at once: every read and write from now on, and one blocked now, throws. */
        void cut() {
            synchronized (HostileBoard.this) {
                cut = true;
                dead = true;
                HostileBoard.this.notifyAll();
            }
        }

        boolean wasCut() {
            synchronized (HostileBoard.this) {
                return cut;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length, long timeoutMillis) {
            synchronized (HostileBoard.this) {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
                while (true) {
                    ensureAlive();
                    long now = System.nanoTime();
                    int n = take(buffer, offset, length, now);
                    if (n > 0) {
                        return n;
                    }
                    Chunk next = outbox.peekFirst();
                    long until = next == null ? end : Math.min(end, next.due);
                    if (until - now <= 0) {
                        if (end - now <= 0) {
                            return 0;
                        }
                        continue;
                    }
                    await(until - now);
                }
            }
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            synchronized (HostileBoard.this) {
                for (int i = 0; i < length; i++) {
                    ensureAlive();
                    if (acceptBeforeStop == 0) {
                        acceptBeforeStop = -1;
                        resumeReadingAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(stoppedFor);
                    }
                    waitWhileNotReading();
                    if (acceptBeforeStop > 0) {
                        acceptBeforeStop--;
                    }
                    accept(data[offset + i]);
                }
                HostileBoard.this.notifyAll();
            }
        }

        /**
         * Blocks the writer as a full receive buffer would, until the board reads again or the link
         * is cut; past the link's write timeout it throws, as every transport must.
         */
        private void waitWhileNotReading() {
            long giveUpAt = System.nanoTime() + writeTimeoutNanos;
            while (resumeReadingAt - System.nanoTime() > 0) {
                ensureAlive();
                if (giveUpAt - System.nanoTime() <= 0) {
                    throw WriterThread.stalled(name, Duration.ofNanos(writeTimeoutNanos),
                            "the hostile board stopped reading");
                }
                await(Math.min(resumeReadingAt, giveUpAt) - System.nanoTime());
            }
        }

        private void ensureAlive() {
            if (dead) {
                throw new ConnectionLostException(cut ? "The fuzz test's watchdog cut the connection to " + name + "."
                        : "The connection to " + name + " was closed.");
            }
        }

        private void await(long nanos) {
            try {
                TimeUnit.NANOSECONDS.timedWait(HostileBoard.this, Math.max(nanos, 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectionLostException("Interrupted while talking to " + name + ".");
            }
        }

        @Override
        public boolean hasLines() {
            return true;
        }

        /**
         * An ESP32 devkit's auto-reset circuit: the chip is held in reset while RTS alone is
         * asserted, and boots when released.
         */
        @Override
        public void setLines(LineState dtr, LineState rts) {
            synchronized (HostileBoard.this) {
                ensureAlive();
                lineChanges.add("dtr=" + dtr + " rts=" + rts);
                boolean inReset = dtr == LineState.OFF && rts == LineState.ON;
                if (heldInReset && !inReset) {
                    boot();
                }
                heldInReset = inReset;
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void close() {
            synchronized (HostileBoard.this) {
                dead = true;
                HostileBoard.this.notifyAll();
            }
        }
    }

    private int take(byte[] buffer, int offset, int length, long now) {
        int n = 0;
        while (n < length && !outbox.isEmpty() && outbox.peekFirst().due - now <= 0) {
            Chunk chunk = outbox.peekFirst();
            int count = Math.min(length - n, chunk.data.length - chunk.position);
            System.arraycopy(chunk.data, chunk.position, buffer, offset + n, count);
            chunk.position += count;
            n += count;
            if (chunk.position == chunk.data.length) {
                outbox.removeFirst();
            }
        }
        if (n == 0 && outbox.isEmpty() && endless != null) {
            n = endless.fill(buffer, offset, Math.min(length, ENDLESS_PIECE));
        }
        return n;
    }

    /** A hard boot: whatever ran is gone, and the banner and the friendly prompt follow. */
    private void boot() {
        outbox.clear();
        endless = null;
        busyForever = false;
        deaf = false;
        pasteRequest = 0;
        line.reset();
        python.reset();
        mode = Mode.FRIENDLY;
        send("\u0000" + BANNER + ">>> ");
        notifyAll();
    }

    private void accept(byte b) {
        if (heldInReset) {
            return;
        }
        if (mode == Mode.RUNNING && !busyForever && System.nanoTime() - busyUntil >= 0) {
            mode = Mode.RAW;
        }
        switch (mode) {
            case FRIENDLY -> friendly(b);
            case RAW -> raw(b);
            case PASTE -> paste(b);
            case RUNNING -> running(b);
        }
    }

    private void friendly(byte b) {
        switch (b) {
            case 0x01 -> {
                mode = Mode.RAW;
                line.reset();
                send("\r\n" + RAW_PROMPT);
            }
            case 0x04 -> {
                python.reset();
                send("\r\nsoft reboot\r\n" + BANNER + ">>> ");
            }
            case 0x03, '\r' -> send("\r\n>>> ");
            default -> send(new byte[] {b});
        }
    }

    private void raw(byte b) {
        if (pasteRequest == 1 && b == 'A') {
            pasteRequest = 2;
            return;
        }
        if (pasteRequest == 2 && b == 0x01) {
            pasteRequest = 0;
            mode = Mode.PASTE;
            windowLeft = WINDOW;
            send(new byte[] {'R', 0x01, (byte) WINDOW, (byte) (WINDOW >> 8)});
            return;
        }
        pasteRequest = 0;
        switch (b) {
            case 0x01 -> {
                line.reset();
                send("\r\n" + RAW_PROMPT);
            }
            case 0x02 -> {
                mode = Mode.FRIENDLY;
                send("\r\n" + BANNER + ">>> ");
            }
            case 0x03 -> line.reset();
            case 0x04 -> {
                if (line.size() == 0) {
                    python.reset();
                    send("OK\r\nsoft reboot\r\n" + RAW_PROMPT);
                } else {
                    run("OK");
                }
            }
            default -> {
                if (line.size() == 0 && (b == 0x05 || b >= 0x20)) {
                    startCommand();
                }
                if (b == 0x05 && line.size() == 0) {
                    pasteRequest = 1;
                    return;
                }
                line.write(b);
            }
        }
    }

    private void paste(byte b) {
        if (b == 0x04) {
            mode = Mode.RAW;
            run("\u0004");
        } else if (b == 0x03) {
            mode = Mode.RAW;
            line.reset();
            send("\u0004" + KEYBOARD_INTERRUPT);
        } else {
            line.write(b);
            if (--windowLeft == 0) {
                windowLeft = WINDOW;
                send(new byte[] {0x01});
            }
        }
    }

    /** A program runs (or hangs, or prints forever): only Ctrl-C reaches it; other input is lost. */
    private void running(byte b) {
        if (b != 0x03 || deaf) {
            return;
        }
        long now = System.nanoTime();
        outbox.removeIf(chunk -> chunk.due - now > 0);
        endless = null;
        busyForever = false;
        mode = Mode.RAW;
        line.reset();
        send(KEYBOARD_INTERRUPT);
    }

    private void startCommand() {
        commandsStarted++;
        if (armed != null && armed.kind() == Malformation.STOPS_READING && commandsStarted > armedAtStart + armed.skip()) {
            armed.playStop((accepted, millis) -> {
                acceptBeforeStop = accepted;
                stoppedFor = millis;
            });
            armed = null;
        }
    }

    /** Plays instead of the good answer to one command. */
    interface Script {
        /** {@code lead} and {@code answer} are what a good board would send; {@code board} does instead. */
        void play(byte[] lead, BoardAnswer answer, Reaction board);
    }

    /** The next command whose code contains {@code trigger} is answered by {@code answer} instead. */
    synchronized void script(String trigger, Script answer) {
        scripts.put(trigger, answer);
    }

    private void run(String lead) {
        String code = line.toString(StandardCharsets.UTF_8);
        line.reset();
        BoardAnswer answer = python.run(code);
        int index = commandsRun++;
        for (java.util.Iterator<java.util.Map.Entry<String, Script>> it = scripts.entrySet().iterator(); it.hasNext(); ) {
            java.util.Map.Entry<String, Script> scripted = it.next();
            if (code.contains(scripted.getKey())) {
                it.remove();
                scripted.getValue().play(lead.getBytes(StandardCharsets.ISO_8859_1), answer, new Reaction());
                return;
            }
        }
        if (armed != null && armed.kind() != Malformation.STOPS_READING && index >= armedAtRun + armed.skip()
                && (answer.call() || !armed.kind().callsOnly())) {
            Mischief mischief = armed;
            armed = null;
            mischief.play(lead.getBytes(StandardCharsets.ISO_8859_1), answer, new Reaction());
            return;
        }
        send(lead);
        send(answer.bytes());
    }

    /** What a {@link Mischief} does to the board instead of answering well. */
    final class Reaction {
        private long cursor = System.nanoTime();

        void send(byte[] bytes) {
            HostileBoard.this.send(bytes);
        }

        /** Bytes that arrive {@code delayMillis} after the ones sent before them. */
        void sendLater(byte[] bytes, long delayMillis) {
            cursor = Math.max(cursor, System.nanoTime()) + TimeUnit.MILLISECONDS.toNanos(delayMillis);
            outbox.addLast(new Chunk(bytes, cursor));
            mode = Mode.RUNNING;
            busyForever = false;
            busyUntil = cursor;
        }

        /** The program hangs until Ctrl-C. */
        void hang() {
            mode = Mode.RUNNING;
            busyForever = true;
        }

        /** The program turned Ctrl-C off ({@code micropython.kbd_intr(-1)}) and hangs until a hard reset. */
        void hangDeaf() {
            hang();
            deaf = true;
        }

        /** The program prints {@code source} until Ctrl-C. */
        void printForever(Mischief.Endless source) {
            hang();
            endless = source;
        }

        /** The board restarted: globals gone, in the friendly REPL after a boot or in raw mode after a soft reset. */
        void restarted(boolean friendly) {
            python.reset();
            mode = friendly ? Mode.FRIENDLY : Mode.RAW;
        }
    }

    private void send(String text) {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void send(byte[] bytes) {
        if (bytes.length > 0) {
            outbox.addLast(new Chunk(bytes, System.nanoTime()));
        }
    }
}
