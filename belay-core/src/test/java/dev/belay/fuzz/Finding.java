package dev.belay.fuzz;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One way a fuzz round broke a promise of issue 11, with what is needed to reproduce it.
 *
 * @param round    the round's number in its run
 * @param seed     the round's seed; {@code -Dbelay.fuzz.replay=SEED} plays that round alone
 * @param mischief what the board did
 * @param call     the API call that met it
 * @param problem  which promise broke
 * @param summary  a short, groupable account (an exception's type and where it was thrown)
 * @param detail   the full account: times, the exception's message
 */
record Finding(int round, long seed, Malformation kind, String mischief, String call, Problem problem, String summary,
        String detail) {

    /** The promises: typed exceptions only, deadlines held, the board usable after every call. */
    enum Problem {
        UNTYPED_EXCEPTION("untyped exception"),
        PAST_DEADLINE("past deadline + grace"),
        HUNG("hung"),
        DEVICE_UNUSABLE("device unusable afterwards");

        private final String label;

        Problem(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    static String seedText(long seed) {
        return String.format(Locale.ROOT, "0x%016x", seed);
    }

    /** What a throwable was and where in Belay it came from, for grouping. */
    static String describe(Throwable thrown) {
        StackTraceElement where = Arrays.stream(thrown.getStackTrace())
                .filter(frame -> frame.getClassName().startsWith("dev.belay.")
                        && !frame.getClassName().startsWith("dev.belay.fuzz."))
                .findFirst().orElse(null);
        return thrown.getClass().getSimpleName() + (where == null ? "" : " at " + simpleName(where.getClassName()) + "."
                + where.getMethodName() + "(" + where.getFileName() + ":" + where.getLineNumber() + ")");
    }

    /** The throwable's message (shortened) and its first frames, for the detailed account. */
    static String account(Throwable thrown) {
        String text = thrown.toString();
        if (text.length() > 600) {
            text = text.substring(0, 500) + "... (" + text.length() + " characters)";
        }
        return text + "\n" + frames(thrown.getStackTrace());
    }

    static String frames(StackTraceElement[] stack) {
        return Arrays.stream(stack).limit(8).map(frame -> "        at " + frame).collect(Collectors.joining("\n"));
    }

    /** Classes that only pass bytes along: where a busy call happens to be in them says nothing. */
    private static final java.util.Set<String> PASSING_ALONG = java.util.Set.of("dev.belay.Transcript",
            "dev.belay.OutputLines", "dev.belay.internal.repl.RestartDetector");

    /**
     * The innermost method of Belay's own code in a stack, below the transport and the classes that
     * only pass bytes along, without its line number (which changes with every edit): for grouping.
     */
    static String where(StackTraceElement[] stack) {
        return Arrays.stream(stack)
                .filter(frame -> frame.getClassName().startsWith("dev.belay.")
                        && !frame.getClassName().startsWith("dev.belay.fuzz.")
                        && !frame.getClassName().startsWith("dev.belay.transport.")
                        && !PASSING_ALONG.contains(frame.getClassName())
                        && !frame.getClassName().contains("$$Lambda")
                        && !frame.getClassName().matches(".*\\$\\d+")
                        && !frame.getMethodName().startsWith("lambda$"))
                .findFirst()
                .map(frame -> simpleName(frame.getClassName()) + "." + frame.getMethodName())
                .orElse(stack.length == 0 ? "(nothing: it ended just then)" : String.valueOf(stack[0]));
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    @Override
    public String toString() {
        return "round " + round + ", seed " + seedText(seed) + " (replay: -Dbelay.fuzz.replay=" + seedText(seed) + ")\n"
                + "    board: " + mischief + "\n    call:  " + call + "\n    " + problem.label() + ": " + summary + "\n    "
                + detail.replace("\n", "\n    ");
    }
}
