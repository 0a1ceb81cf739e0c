package dev.belay.fuzz;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one call on a thread of its own under a watchdog, so that no call can hang the build: when
 * the call outlives its watchdog the connection is cut (every read and write then throws), and a
 * call that does not end even then is abandoned on its daemon thread.
 *
 * <pre>{@code
 * BoundedCall.Outcome outcome = BoundedCall.run(() -> device.eval("1 + 1"), allowed, Duration.ofSeconds(1), board::cutConnection);
 * }</pre>
 */
final class BoundedCall {

    /** How long a call may take to end once its connection was cut before it counts as hung. */
    static final Duration HUNG_AFTER = Duration.ofSeconds(5);
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * @param value  what the call returned (null when it threw)
     * @param thrown what it threw, if anything
     * @param nanos  how long it ran (until it ended, or until it was abandoned)
     * @param cut    whether the watchdog cut the connection
     * @param hung   whether it was still running {@link #HUNG_AFTER} after that
     * @param lateAt where it was when its allowed time ran out, empty when it ended in time
     * @param cpuNanos how much of {@code nanos} its thread spent on a CPU (-1 when unknown): a late
     *               call that mostly computed may have been starved by a loaded machine
     */
    record Outcome(Object value, Throwable thrown, long nanos, boolean cut, boolean hung, StackTraceElement[] lateAt,
            long cpuNanos) {

        Outcome(Object value, Throwable thrown, long nanos, boolean cut, boolean hung) {
            this(value, thrown, nanos, cut, hung, new StackTraceElement[0], -1);
        }

        @Override
        public StackTraceElement[] lateAt() {
            return lateAt.clone();
        }
    }

    private BoundedCall() {}

    /**
     * Runs {@code action}; when it is still running after {@code allowed}, notes where it is, and
     * after {@code slack} more cuts the connection.
     */
    static Outcome run(Callable<?> action, Duration allowed, Duration slack, Runnable cut) {
        long start = System.nanoTime();
        long[] end = {0, -1};
        FutureTask<Object> task = new FutureTask<>(() -> {
            long cpuStart = CPU.getCurrentThreadCpuTime();
            try {
                return action.call();
            } finally {
                end[0] = System.nanoTime();
                end[1] = cpuStart < 0 ? -1 : CPU.getCurrentThreadCpuTime() - cpuStart;
            }
        });
        Thread worker = new Thread(task, "fuzz-call");
        worker.setDaemon(true);
        worker.start();
        boolean wasCut = false;
        StackTraceElement[] lateAt = new StackTraceElement[0];
        try {
            try {
                return ended(task.get(allowed.toNanos(), TimeUnit.NANOSECONDS), null, start, end, false, lateAt);
            } catch (TimeoutException late) {
                lateAt = worker.getStackTrace();
                try {
                    return ended(task.get(slack.toNanos(), TimeUnit.NANOSECONDS), null, start, end, false, lateAt);
                } catch (TimeoutException e) {
                    wasCut = true;
                    cut.run();
                    return ended(task.get(HUNG_AFTER.toNanos(), TimeUnit.NANOSECONDS), null, start, end, true, lateAt);
                }
            }
        } catch (ExecutionException e) {
            return ended(null, e.getCause(), start, end, wasCut, lateAt);
        } catch (TimeoutException e) {
            return new Outcome(null, null, System.nanoTime() - start, true, true, lateAt, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The fuzz test was interrupted", e);
        }
    }

    private static Outcome ended(Object value, Throwable thrown, long start, long[] end, boolean cut,
            StackTraceElement[] lateAt) {
        return new Outcome(value, thrown, end[0] - start, cut, false, lateAt, end[1]);
    }
}
