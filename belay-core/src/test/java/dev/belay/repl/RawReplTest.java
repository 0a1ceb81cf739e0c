package dev.belay.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.DeviceTimeoutException;
import dev.belay.ProtocolException;
import dev.belay.WritePacing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawReplTest {

    private static final String ATTENTION = "\r\u0003\u0003\u0001";
    private static final String RAW_PROMPT = "raw REPL; CTRL-B to exit\r\n>";
    private static final Duration SECOND = Duration.ofSeconds(1);

    private static RawRepl repl(ScriptedBoard board, boolean rawPaste, WritePacing pacing) {
        return new RawRepl(board, new ReplSettings(pacing, rawPaste, Duration.ofMillis(300)), new RestartDetector());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void attentionSkipsABootBannerAndFriendlyPromptsUpToTheRawPrompt() {
        ScriptedBoard board = new ScriptedBoard()
                .initially("\u0000MicroPython v1.9.2 on 2017-09-01; micro:bit with nRF51822\r\n>>> ")
                .on(ATTENTION, "\r\n>>> \r\n>>> \r\n" + RAW_PROMPT);
        repl(board, true, WritePacing.none()).enterRawMode();
        assertThat(board.written()).isEqualTo(ATTENTION);
        assertThat(board.scriptDone()).isTrue();
    }

    @Test
    void attentionIsAskedForAgainWhenTheBoardIsSlowToAnswer() {
        ScriptedBoard board = new ScriptedBoard()
                .on(ATTENTION + ATTENTION, RAW_PROMPT);
        RawRepl repl = new RawRepl(board, new ReplSettings(WritePacing.none(), true, Duration.ofSeconds(3)), new RestartDetector());
        repl.enterRawMode();
        assertThat(board.written()).isEqualTo(ATTENTION + ATTENTION);
    }

    @Test
    void attentionThatNeverComesNamesTheAttemptsAndTheBytesSeen() {
        ScriptedBoard board = new ScriptedBoard().on(ATTENTION, "garbage");
        assertThatThrownBy(() -> repl(board, true, WritePacing.none()).enterRawMode())
                .isInstanceOf(DeviceTimeoutException.class)
                .hasMessage("The board at scripted did not show the raw REPL prompt within 0.3 s (1 interrupt "
                        + "attempts); last bytes received: 'garbage'. Check that it runs MicroPython and that nothing "
                        + "else uses the port; a board stuck in code that ignores Ctrl-C needs a hard reset.");
    }

    @Test
    void aReplyIsSplitIntoOutputAndExceptionText() {
        ScriptedBoard board = new ScriptedBoard()
                .on("\u0005A\u0001", "R\u0000")
                .on("1/0\u0004", "OKbefore\r\n\u0004Traceback (most recent call last):\r\n"
                        + "  File \"<stdin>\", line 1, in <module>\r\nZeroDivisionError: division by zero\r\n\u0004>");
        RawReply reply = repl(board, true, WritePacing.none()).exec(bytes("1/0"), SECOND, OutputListener.NONE, "the command");
        assertThat(reply.outputText()).isEqualTo("before\n");
        assertThat(reply.errorText()).endsWith("ZeroDivisionError: division by zero\r\n");
        assertThat(reply.failed()).isTrue();
    }

    @Test
    void outputReachesTheListenerAsItArrives() {
        ScriptedBoard board = new ScriptedBoard().on("\u0004", "OKabc\u0004\u0004>");
        StringBuilder heard = new StringBuilder();
        repl(board, false, WritePacing.none()).exec(bytes("print('abc', end='')"), SECOND,
                (data, offset, length) -> heard.append(new String(data, offset, length, StandardCharsets.UTF_8)), "print");
        assertThat(heard).hasToString("abc");
    }

    @Test
    void rawPasteSendsNoMoreThanTheWindowTheBoardGranted() {
        String code = "x = 123456789012345";
        ScriptedBoard board = new ScriptedBoard()
                .on("\u0005A\u0001", "R\u0001\u0008\u0000")
                .on("x = 1234", "\u0001")
                .on("56789012", "\u0001")
                .on("345\u0004", "\u0004\u0004\u0004>");
        RawRepl repl = repl(board, true, WritePacing.none());
        RawReply reply = repl.exec(bytes(code), SECOND, OutputListener.NONE, "the command");
        assertThat(reply.failed()).isFalse();
        assertThat(board.writeSizes()).containsExactly(3, 8, 8, 3, 1);
        assertThat(repl.rawPaste()).isEqualTo(RawRepl.RawPaste.SUPPORTED);
    }

    @Test
    void onceTheWindowIsKnownTheFirstWindowTravelsWithTheRequest() {
        ScriptedBoard board = new ScriptedBoard()
                .on("\u0005A\u0001", "R\u0001\u0008\u0000")
                .on("abc\u0004", "\u0004\u0004\u0004>")
                .on("\u0005A\u0001def\u0004", "R\u0001\u0008\u0000\u0004ok\u0004\u0004>")
                .on("\u0005A\u000101234567", "R\u0001\u0008\u0000\u0001\u0004\u0004\u0004>");
        RawRepl repl = repl(board, true, WritePacing.none());
        repl.exec(bytes("abc"), SECOND, OutputListener.NONE, "the command");
        assertThat(repl.exec(bytes("def"), SECOND, OutputListener.NONE, "the command").outputText()).isEqualTo("ok");
        repl.exec(bytes("0123456789"), SECOND, OutputListener.NONE, "the command");
        assertThat(board.writeSizes()).containsExactly(3, 3, 1, 7, 11, 2, 1);
    }

    @Test
    void firmwareWithoutRawPasteGetsPacedWritesAndIsNotAskedAgain() {
        ScriptedBoard board = new ScriptedBoard()
                .on("\u0005A\u0001", RAW_PROMPT)
                .on("0123456789\u0004", "OK\u0004\u0004>")
                .on("abcd\u0004", "OK\u0004\u0004>");
        RawRepl repl = repl(board, true, new WritePacing(4, Duration.ZERO));
        repl.exec(bytes("0123456789"), SECOND, OutputListener.NONE, "the command");
        repl.exec(bytes("abcd"), SECOND, OutputListener.NONE, "the command");
        assertThat(board.writeSizes()).containsExactly(3, 4, 4, 3, 4, 1);
        assertThat(repl.rawPaste()).isEqualTo(RawRepl.RawPaste.UNSUPPORTED);
    }

    @Test
    void firmwareThatRefusesRawPasteGetsPlainRawMode() {
        ScriptedBoard board = new ScriptedBoard()
                .on("\u0005A\u0001", "R\u0000")
                .on("pass\u0004", "OK\u0004\u0004>");
        RawRepl repl = repl(board, true, WritePacing.none());
        repl.exec(bytes("pass"), SECOND, OutputListener.NONE, "the command");
        assertThat(repl.rawPaste()).isEqualTo(RawRepl.RawPaste.UNSUPPORTED);
    }

    @Test
    void anUnexpectedAnswerIsAProtocolErrorQuotingIt() {
        ScriptedBoard board = new ScriptedBoard().on("\u0004", ">>> ");
        assertThatThrownBy(() -> repl(board, false, WritePacing.none()).exec(bytes("pass"), SECOND, OutputListener.NONE, "the command"))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("Expected 'OK' after sending the command, got '>'. Another program may be talking "
                        + "to the board, or it is not running MicroPython.");
    }

    @Test
    void aDeadlineInterruptsTheBoardAndWaitsForThePromptBeforeThrowing() {
        ScriptedBoard board = new ScriptedBoard()
                .on("\u0004", "OKtick\r\n")
                .on(ATTENTION, "\u0004Traceback (most recent call last):\r\nKeyboardInterrupt: \r\n\u0004>" + RAW_PROMPT);
        RawRepl repl = repl(board, false, WritePacing.none());
        assertThatThrownBy(() -> repl.exec(bytes("while True: print('tick')"), Duration.ofMillis(100), OutputListener.NONE, "the command"))
                .isInstanceOf(DeviceTimeoutException.class)
                .hasMessage("'the command' got no reply within 0.1 s: waited for the end of the command's output; the "
                        + "last bytes it sent for this call: 'OKtick\\r\\n'. The board was interrupted (Ctrl-C) and is "
                        + "ready for the next command. If it needs more time, allow it with Device.withTimeout(Duration) "
                        + "for this call or the belay.timeout setting for all.");
        assertThat(board.scriptDone()).isTrue();
    }

    @Test
    void aBoardThatIgnoresTheInterruptIsReportedAsNeedingAReset() {
        ScriptedBoard board = new ScriptedBoard().on("\u0004", "OK");
        RawRepl repl = repl(board, false, WritePacing.none());
        assertThatThrownBy(() -> repl.exec(bytes("stuck()"), Duration.ofMillis(100), OutputListener.NONE, "the command"))
                .isInstanceOf(DeviceTimeoutException.class)
                .hasMessageContaining("The board did not come back after Ctrl-C either; reset it (or unplug it) "
                        + "before the next call.");
    }

    @Test
    void softResetWaitsForTheRawPromptAfterTheRebootMessages() {
        ScriptedBoard board = new ScriptedBoard()
                .on("\u0004", "OK\r\nMPY: soft reboot\r\nboot.py says hi\r\n" + RAW_PROMPT);
        repl(board, false, WritePacing.none()).softReset();
        assertThat(board.scriptDone()).isTrue();
        assertThat(board.writeSizes()).isEqualTo(List.of(1));
    }
}
