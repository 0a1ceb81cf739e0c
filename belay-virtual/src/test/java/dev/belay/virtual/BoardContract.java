package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.belay.ConnectionLostException;
import dev.belay.Device;
import dev.belay.DeviceException;
import dev.belay.DeviceOptions;
import dev.belay.DeviceTimeoutException;
import dev.belay.value.ValueException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every software board must do through its pty, with the serial transport a USB board gets.
 * Each board kind runs these in a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BoardContract {

    protected VirtualBoard board;
    protected Device device;

    abstract BoardKind kind();

    /** The connection string the tests reach {@code board} by: its pty, as a USB board's serial port. */
    String connectionTo(VirtualBoard board) {
        return board.port().toString();
    }

    @BeforeAll
    void startBoard() {
        board = VirtualBoards.start(kind());
        device = Device.connect(connectionTo(board), DeviceOptions.defaults().withTimeout(Duration.ofSeconds(5)));
    }

    /** Each test starts from empty globals: a micro:bit's 9 KB heap does not hold every test's functions. */
    @BeforeEach
    void emptyGlobals() {
        device.softReset();
    }

    @AfterAll
    void stopBoard() {
        try {
            if (device != null) {
                device.close();
            }
        } finally {
            if (board != null) {
                board.close();
            }
        }
    }

    @Test
    void execReturnsWhatThePrintedWithNewlineLineEnds() {
        assertThat(device.exec("print('hello')")).isEqualTo("hello\n");
    }

    @Test
    void execRunsMultiLineCode() {
        String code = """
                def square(n):
                    return n * n
                for i in range(3):
                    print(square(i))
                """;
        assertThat(device.exec(code)).isEqualTo("0\n1\n4\n");
    }

    @Test
    void statementsWithoutOutputReturnAnEmptyString() {
        assertThat(device.exec("x = 41")).isEmpty();
        assertThat(device.exec("print(x + 1)")).isEqualTo("42\n");
    }

    @Test
    void anExceptionCarriesItsTypeMessageAndTraceback() {
        DeviceException e = catchThrowableOfType(DeviceException.class, () -> device.exec("a = 1\nb = a / 0"));
        assertThat(e.pythonType()).isEqualTo("ZeroDivisionError");
        // MicroPython 1.9 says "division by zero", 1.27 "divide by zero".
        assertThat(e.pythonMessage()).isIn("division by zero", "divide by zero");
        assertThat(e.deviceTraceback()).startsWith("Traceback (most recent call last):\n")
                .contains("File \"<stdin>\", line 2");
        assertThat(e.getMessage()).startsWith("The board raised ZeroDivisionError: " + e.pythonMessage() + "\n");
    }

    @Test
    void outputPrintedBeforeAnExceptionDoesNotHideIt() {
        DeviceException e = catchThrowableOfType(DeviceException.class,
                () -> device.exec("print('before')\nraise ValueError('bad reading')"));
        assertThat(e.pythonType()).isEqualTo("ValueError");
        assertThat(e.pythonMessage()).isEqualTo("bad reading");
    }

    @Test
    void aSyntaxErrorIsReportedAsOne() {
        DeviceException e = catchThrowableOfType(DeviceException.class, () -> device.exec("def broken(:"));
        assertThat(e.pythonType()).isEqualTo("SyntaxError");
        assertThat(e.pythonMessage()).isEqualTo("invalid syntax");
    }

    @Test
    void aMemoryErrorIsReportedAsOne() {
        DeviceException e = catchThrowableOfType(DeviceException.class, () -> device.exec("b = bytearray(2**30)"));
        assertThat(e.pythonType()).isEqualTo("MemoryError");
        assertThat(device.exec("print('after')")).isEqualTo("after\n");
    }

    @Test
    void nonAsciiOutputArrivesIntact() {
        assertThat(device.exec("print('Grüße 温度 ✓ 😀')")).isEqualTo("Grüße 温度 ✓ 😀\n");
    }

    @Test
    void aCommandPastItsDeadlineIsInterruptedAndTheBoardStaysUsable() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> device.exec("while True:\n    pass"))
                .isInstanceOf(DeviceTimeoutException.class)
                .hasMessageStartingWith("'while True:' got no reply within 5.0 s: waited for the end of the command's output")
                .hasMessageContaining("The board was interrupted (Ctrl-C) and is ready for the next command.")
                .hasMessageContaining("Device.withTimeout(Duration)").hasMessageContaining("belay.timeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(device.exec("print('alive')")).isEqualTo("alive\n");
    }

    @Test
    void aTimeoutQuotesOnlyWhatTheBoardSentForTheCallThatTimedOut() {
        assertThatThrownBy(() -> device.exec("this is not python")).isInstanceOf(DeviceException.class);
        assertThatThrownBy(() -> device.withTimeout(Duration.ofMillis(500)).exec("while True: pass"))
                .isInstanceOf(DeviceTimeoutException.class)
                .hasMessageStartingWith("'while True: pass' got no reply within 0.5 s")
                .message().doesNotContain("SyntaxError");
        assertThat(device.exec("print('alive')")).isEqualTo("alive\n");
    }

    @Test
    void interruptFromAnotherThreadRaisesKeyboardInterrupt() throws Exception {
        long mark = device.transcript().position();
        CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> catchThrowableOfType(
                DeviceException.class, () -> device.exec("import time\nprint('looping')\nwhile True:\n    time.sleep_ms(10)")));
        // The board says when the loop runs: only then is there something to interrupt.
        await().atMost(Duration.ofSeconds(10)).until(() -> device.transcript().since(mark).contains("looping"));
        device.interrupt();
        DeviceException e = (DeviceException) running.get(5, TimeUnit.SECONDS);
        assertThat(e.pythonType()).isEqualTo("KeyboardInterrupt");
        assertThat(device.exec("print('alive')")).isEqualTo("alive\n");
    }

    @Test
    void softResetClearsGlobalsAndKeepsFiles() {
        device.exec("kept = 'yes'\nwith open('kept.txt', 'w') as f:\n    f.write('on flash')");
        device.softReset();
        DeviceException e = catchThrowableOfType(DeviceException.class, () -> device.exec("print(kept)"));
        assertThat(e.pythonType()).isEqualTo("NameError");
        assertThat(device.exec("with open('kept.txt') as f:\n    print(f.read())")).isEqualTo("on flash\n");
    }

    @Test
    void unplugTurnsTheNextCallIntoAConnectionLostErrorWithinASecond() {
        try (VirtualBoard own = VirtualBoards.start(kind());
             Device connected = Device.connect(connectionTo(own))) {
            own.unplug();
            long start = System.nanoTime();
            assertThatThrownBy(() -> connected.exec("print(1)"))
                    .isInstanceOf(ConnectionLostException.class)
                    .hasMessageContaining(connectionTo(own));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void hardResetRestartsTheInterpreterAndKeepsFiles() {
        try (VirtualBoard own = VirtualBoards.start(kind())) {
            try (Device first = Device.connect(connectionTo(own))) {
                first.exec("gone = 1\nwith open('stays.txt', 'w') as f:\n    f.write('kept')");
            }
            own.hardReset();
            try (Device second = Device.connect(connectionTo(own))) {
                assertThat(second.exec("print('gone' in globals())")).isEqualTo("False\n");
                assertThat(second.exec("print(open('stays.txt').read())")).isEqualTo("kept\n");
            }
        }
    }

    @Test
    void replugBringsThePortBackAtTheSamePathWithTheBoardStillRunning() {
        try (VirtualBoard own = VirtualBoards.start(kind())) {
            try (Device first = Device.connect(connectionTo(own))) {
                first.exec("survivor = 'still here'");
            }
            own.unplug();
            assertThat(own.isPluggedIn()).isFalse();
            assertThat(own.port()).doesNotExist();
            own.replug();
            try (Device second = Device.connect(connectionTo(own))) {
                assertThat(second.exec("print(survivor)")).isEqualTo("still here\n");
            }
        }
    }

    @Test
    void evalReturnsNaturalJavaValues() {
        Object value = device.eval("[1, 2.5, 'x', b'\\x00\\xff', None, True, (1,), {'a': 1}, {3}]");
        assertThat(value).asList().hasSize(9);
        @SuppressWarnings("unchecked")
        List<Object> items = (List<Object>) value;
        assertThat(items.subList(0, 3)).containsExactly(1L, 2.5, "x");
        assertThat((byte[]) items.get(3)).containsExactly(0, 0xff);
        assertThat(items.subList(4, 9)).containsExactly(null, true, List.of(1L), Map.of("a", 1L), Set.of(3L));
    }

    @Test
    void evalConvertsToTheRequestedType() {
        assertThat(device.eval("6 * 7", int.class)).isEqualTo(42);
        assertThat(device.eval("'t' + 'emp'", String.class)).isEqualTo("temp");
    }

    @Test
    void whatTheUserPrintsCannotForgeAResult() {
        assertThat(device.eval("print('\\x04\\x04>\\x1e_belay_000000R99\\x1f\\x04') or 42")).isEqualTo(42L);
    }

    @Test
    void anObjectWithoutLiteralFormIsRefused() {
        device.exec("class Sensor:\n    pass");
        assertThatThrownBy(() -> device.eval("Sensor()"))
                .isInstanceOf(ValueException.class)
                .hasMessageStartingWith("The board returned '<Sensor object at ");
    }

    @Test
    void anExceptionDuringEvalIsADeviceException() {
        DeviceException e = catchThrowableOfType(DeviceException.class, () -> device.eval("undefined_name + 1"));
        assertThat(e.pythonType()).isEqualTo("NameError");
        DeviceException syntax = catchThrowableOfType(DeviceException.class, () -> device.eval("1 +"));
        assertThat(syntax.pythonType()).isEqualTo("SyntaxError");
    }
}
