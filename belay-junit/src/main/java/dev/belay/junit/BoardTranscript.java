package dev.belay.junit;

/**
 * What was exchanged with a board while a test or lifecycle method ran, attached to its failure as
 * a suppressed exception. Runners print suppressed exceptions with the failure's stack trace, so
 * the transcript reaches every report that shows the failure: Surefire's {@code TEST-*.xml} and
 * {@code .txt} with their default settings (which drop JUnit report entries), an IDE's console, a
 * Gradle report. It has no stack trace of its own: only the message matters.
 *
 * <pre>
 * org.opentest4j.AssertionFailedError: expected: 21.5 but was: 17.0
 *     at ...
 *     Suppressed: dev.belay.junit.BoardTranscript: board 'default' (virtual:micropython), the last 4096 of 9120 characters (5024 left out):
 * &gt;&gt;&gt; print(sensor.read())\n
 * &lt;&lt;&lt; 17.0\r\n
 * </pre>
 */
public final class BoardTranscript extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How much of a transcript a report shows: its end, where the failure is. */
    static final int SHOWN = 4096;

    private BoardTranscript(String message) {
        super(message, null, false, false);
    }

    /** The transcript of the board {@code board}, cut to its last {@link #SHOWN} characters. */
    static BoardTranscript of(String board, String exchanged) {
        // A transcript taken from a mark starts with the line break before its first direction marker.
        String transcript = exchanged.startsWith("\n") ? exchanged.substring(1) : exchanged;
        if (transcript.length() <= SHOWN) {
            return new BoardTranscript(board + ":\n" + transcript);
        }
        return new BoardTranscript(board + ", the last " + SHOWN + " of " + transcript.length() + " characters ("
                + (transcript.length() - SHOWN) + " left out):\n" + transcript.substring(transcript.length() - SHOWN));
    }
}
