package dev.belay.internal.repl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PythonErrorTest {

    @Test
    void aTracebackGivesTypeMessageAndTheWholeText() {
        PythonError error = PythonError.parse("Traceback (most recent call last):\r\n"
                + "  File \"<stdin>\", line 1, in <module>\r\nZeroDivisionError: division by zero\r\n");
        assertThat(error.type()).isEqualTo("ZeroDivisionError");
        assertThat(error.message()).isEqualTo("division by zero");
        assertThat(error.traceback()).isEqualTo("Traceback (most recent call last):\n"
                + "  File \"<stdin>\", line 1, in <module>\nZeroDivisionError: division by zero");
    }

    @Test
    void aMemoryErrorWithoutTracebackStillHasTypeAndMessage() {
        PythonError error = PythonError.parse("MemoryError: memory allocation failed, allocating 2000 bytes\r\n");
        assertThat(error.type()).isEqualTo("MemoryError");
        assertThat(error.message()).isEqualTo("memory allocation failed, allocating 2000 bytes");
    }

    @Test
    void aKeyboardInterruptHasAnEmptyMessage() {
        PythonError error = PythonError.parse("Traceback (most recent call last):\r\n"
                + "  File \"<stdin>\", line 2, in <module>\r\nKeyboardInterrupt: \r\n");
        assertThat(error.type()).isEqualTo("KeyboardInterrupt");
        assertThat(error.message()).isEmpty();
    }

    @Test
    void anExceptionWithoutMessageHasAnEmptyMessage() {
        assertThat(PythonError.parse("Traceback (most recent call last):\r\n  File \"<stdin>\", line 1\r\nStopIteration\r\n"))
                .extracting(PythonError::type, PythonError::message)
                .containsExactly("StopIteration", "");
    }

    @Test
    void aMultiLineMessageKeepsItsLines() {
        PythonError error = PythonError.parse("Traceback (most recent call last):\r\n"
                + "  File \"<stdin>\", line 1, in <module>\r\nValueError: first line\r\nsecond line\r\n");
        assertThat(error.type()).isEqualTo("ValueError");
        assertThat(error.message()).isEqualTo("first line\nsecond line");
    }

    @Test
    void anOSErrorKeepsItsErrnoInTheMessage() {
        PythonError error = PythonError.parse("Traceback (most recent call last):\r\n"
                + "  File \"<stdin>\", line 1, in <module>\r\nOSError: [Errno 2] ENOENT\r\n");
        assertThat(error.message()).isEqualTo("[Errno 2] ENOENT");
    }

    @Test
    void textThatIsNoExceptionIsKeptWhole() {
        PythonError error = PythonError.parse("!! something odd\r\n");
        assertThat(error.type()).isEqualTo("UnknownError");
        assertThat(error.message()).isEqualTo("!! something odd");
    }
}
