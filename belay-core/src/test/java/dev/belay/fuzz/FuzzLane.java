package dev.belay.fuzz;

import dev.belay.BelayException;
import dev.belay.Device;
import dev.belay.DeviceOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * Plays fuzz rounds one after another on one hostile board and one device, as a test suite uses a
 * board: each round arms one {@link Mischief}, makes one API call (or connects anew), judges how
 * the call ended, then checks with a plain call that the device still works.
 *
 * <pre>{@code
 * FuzzLane lane = new FuzzLane("lane-0", options, Duration.ofSeconds(1), List.of(Malformation.values()));
 * FuzzLane.Round round = lane.play(17, seed);
 * lane.close();
 * }</pre>
 */
final class FuzzLane implements AutoCloseable {

    /** One round in eight connects anew, with the mischief on the helper install. */
    private static final int CONNECT_ONE_IN = 8;
    /** Extra watchdog time after the allowed time, so that a small overrun is measured, not cut short at once. */
    private static final Duration WATCHDOG_SLACK = Duration.ofMillis(500);

    /** What happened in one round. */
    record Round(int number, long seed, Malformation kind, boolean played, List<Finding> findings, long nanos) {}

    private final List<Malformation> kinds;
    private final String name;
    private final String connection;
    private final DeviceOptions options;
    private final Duration grace;
    private HostileBoard board;
    private Operation.Board current;

    /**
     * @param kinds the malformations to draw from; a round's seed picks the same one only from the
     *              same list, so a replay needs the same list
     */
    FuzzLane(String name, DeviceOptions options, Duration grace, List<Malformation> kinds) {
        this.kinds = List.copyOf(kinds);
        this.name = name;
        this.connection = "hostile:" + name;
        this.options = options;
        this.grace = grace;
        this.board = HostileBoardProvider.register(name);
    }

    Round play(int number, long seed) {
        long start = System.nanoTime();
        Round round = playTimed(number, seed);
        return new Round(round.number(), round.seed(), round.kind(), round.played(), round.findings(),
                System.nanoTime() - start);
    }

    private Round playTimed(int number, long seed) {
        Random random = new Random(seed);
        Malformation kind = kinds.get(random.nextInt(kinds.size()));
        boolean connect = !kind.callsOnly() && random.nextInt(CONNECT_ONE_IN) == 0;
        Operation operation = pick(random, kind.callsOnly());
        int skip = connect ? 0 : random.nextInt(operation.commands());
        Mischief mischief = new Mischief(kind, random.nextLong(), skip);
        List<Finding> findings = new ArrayList<>();
        Judge judge = new Judge(number, seed, mischief, findings);
        if (connect) {
            disconnect();
            board.arm(mischief);
            Duration allowed = options.connectTimeout().plus(grace);
            BoundedCall.Outcome outcome = bounded(() -> Device.connect(connection, options), allowed);
            boolean played = board.disarm();
            if (outcome.value() instanceof Device device) {
                current = new Operation.Board(device, null, null);
            }
            judge.call("Device.connect(\"" + connection + "\")", outcome, allowed);
            if (outcome.cut() || outcome.hung()) {
                replace();
            } else if (current == null) {
                reconnectAfterFailedConnect(judge);
            } else {
                probe(judge);
            }
            return new Round(number, seed, kind, played, findings, 0);
        }
        ensureConnected();
        board.arm(mischief);
        Duration allowed = options.timeout().plus(grace);
        Operation.Board target = current;
        BoundedCall.Outcome outcome = bounded(() -> operation.run(target), allowed);
        boolean played = board.disarm();
        judge.call(operation.name(), outcome, allowed);
        if (outcome.cut() || outcome.hung()) {
            replace();
        } else {
            probe(judge);
        }
        return new Round(number, seed, kind, played, findings, 0);
    }

    private static Operation pick(Random random, boolean callsOnly) {
        List<Operation> candidates = java.util.Arrays.stream(Operation.values())
                .filter(operation -> !callsOnly || operation.calls()).toList();
        return candidates.get(random.nextInt(candidates.size()));
    }

    /** The device must still work: a plain call (after defining the tasks on a new connection) returns its value. */
    private void probe(Judge judge) {
        Operation.Board before = current;
        record Probe(Operation.Board board, Object value) {}
        Duration allowed = options.timeout().plus(grace);
        BoundedCall.Outcome outcome = bounded(() -> {
            Operation.Board ready = before.add() == null ? Operation.Board.on(before.device()) : before;
            return new Probe(ready, ready.device().eval("1 + 1", Integer.class));
        }, allowed);
        if (outcome.value() instanceof Probe probe && Objects.equals(probe.value(), 2) && !outcome.cut()
                && outcome.nanos() <= allowed.toNanos()) {
            current = probe.board();
            return;
        }
        BoundedCall.Outcome shown = outcome.value() instanceof Probe probe ? new BoundedCall.Outcome(probe.value(),
                null, outcome.nanos(), outcome.cut(), outcome.hung()) : outcome;
        judge.unusable("the next call, eval(\"1 + 1\")", shown);
        replace();
    }

    private void reconnectAfterFailedConnect(Judge judge) {
        BoundedCall.Outcome outcome = bounded(() -> Operation.Board.on(Device.connect(connection, options)),
                options.connectTimeout().plus(grace));
        if (outcome.value() instanceof Operation.Board connected) {
            current = connected;
            return;
        }
        judge.unusable("a plain Device.connect after the failed one", outcome);
        replace();
    }

    private BoundedCall.Outcome bounded(java.util.concurrent.Callable<?> action, Duration allowed) {
        HostileBoard target = board;
        return BoundedCall.run(action, allowed, WATCHDOG_SLACK, target::cutConnection);
    }

    /** Closes the device normally (the board goes back to its friendly REPL). */
    private void disconnect() {
        if (current != null) {
            Device device = current.device();
            current = null;
            BoundedCall.Outcome closed = bounded(() -> {
                device.close();
                return null;
            }, options.timeout().plus(grace));
            if (closed.cut() || closed.hung()) {
                board = HostileBoardProvider.register(name);
            }
        }
    }

    /** Gives up on the device and the board after a failure: a new board (as if power-cycled) and a new device. */
    private void replace() {
        if (current != null) {
            board.cutConnection();
            Device device = current.device();
            current = null;
            bounded(() -> {
                device.close();
                return null;
            }, Duration.ofSeconds(1));
        }
        board = HostileBoardProvider.register(name);
    }

    /** Connects when the lane has no device; throws when even an unarmed board cannot be reached. */
    void ensureConnected() {
        if (current != null) {
            return;
        }
        BoundedCall.Outcome outcome = bounded(() -> Operation.Board.on(Device.connect(connection, options)),
                options.connectTimeout().plus(grace));
        if (!(outcome.value() instanceof Operation.Board connected)) {
            board = HostileBoardProvider.register(name);
            throw new IllegalStateException("An unarmed hostile board could not be connected to: "
                    + (outcome.thrown() == null ? "the connect hung" : Finding.account(outcome.thrown())), outcome.thrown());
        }
        current = connected;
    }

    @Override
    public void close() {
        disconnect();
        HostileBoardProvider.unregister(name);
    }

    /** Turns outcomes into findings for one round. */
    private final class Judge {
        private final int round;
        private final long seed;
        private final Mischief mischief;
        private final List<Finding> findings;
        /** How the round's call ended, for the account of a device found unusable after it. */
        private String callEnded = "(no call)";

        Judge(int round, long seed, Mischief mischief, List<Finding> findings) {
            this.round = round;
            this.seed = seed;
            this.mischief = mischief;
            this.findings = findings;
        }

        void call(String call, BoundedCall.Outcome outcome, Duration allowed) {
            Throwable thrown = outcome.thrown();
            String ended = thrown == null ? "it returned " + shorten(String.valueOf(outcome.value()))
                    : "it threw " + Finding.account(thrown);
            callEnded = call + " took " + seconds(outcome.nanos()) + "; " + (thrown == null ? ended
                    : "it threw " + Finding.account(thrown).lines().findFirst().orElse(""));
            if (thrown != null && !(thrown instanceof BelayException)) {
                add(call, Finding.Problem.UNTYPED_EXCEPTION, Finding.describe(thrown), ended);
            }
            if (outcome.hung()) {
                add(call, Finding.Problem.HUNG, "still running " + BoundedCall.HUNG_AFTER.toSeconds()
                        + " s after the watchdog cut its connection; at the deadline + grace it was in "
                        + Finding.where(outcome.lateAt()), "it was abandoned after " + seconds(outcome.nanos())
                        + "; at the deadline + grace it was in\n" + Finding.frames(outcome.lateAt()));
            } else if (outcome.nanos() > allowed.toNanos()) {
                double over = (outcome.nanos() - allowed.toNanos()) / 1e9;
                add(call, Finding.Problem.PAST_DEADLINE, (outcome.cut()
                        ? "not ended " + seconds(WATCHDOG_SLACK.toNanos()) + " later either (the watchdog cut the connection)"
                        : String.format(Locale.ROOT, "over by %.1f s", over)) + "; at the deadline + grace it was in "
                        + Finding.where(outcome.lateAt()), "took " + seconds(outcome.nanos())
                        + (outcome.cpuNanos() >= 0 ? " (" + seconds(outcome.cpuNanos()) + " of it on a CPU)" : "") + ", allowed "
                        + seconds(allowed.toNanos()) + "; at the deadline + grace it was in\n" + Finding.frames(outcome.lateAt())
                        + "\n" + ended);
            }
        }

        void unusable(String check, BoundedCall.Outcome outcome) {
            String summary;
            if (outcome.hung() || outcome.cut()) {
                summary = check + " hung in " + Finding.where(outcome.lateAt());
            } else if (outcome.thrown() != null) {
                summary = check + " threw " + outcome.thrown().getClass().getSimpleName();
            } else if (outcome.nanos() > options.timeout().plus(grace).toNanos()) {
                summary = check + " took " + seconds(outcome.nanos());
            } else {
                summary = check + " returned " + shorten(String.valueOf(outcome.value()));
            }
            add(check, Finding.Problem.DEVICE_UNUSABLE, summary, (outcome.thrown() == null ? "took "
                    + seconds(outcome.nanos()) : Finding.account(outcome.thrown())) + "\nbefore it, " + callEnded);
        }

        private void add(String call, Finding.Problem problem, String summary, String detail) {
            findings.add(new Finding(round, seed, mischief.kind(), mischief.description(), call, problem, summary, detail));
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    private static String shorten(String text) {
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
