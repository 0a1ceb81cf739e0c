package dev.belay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.transport.LineState;
import dev.belay.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResetActionTest {

    @Test
    void parsesTheThreeFormsAndWritesThemBack() {
        assertThat(ResetAction.parse("none")).isEqualTo(ResetAction.none());
        assertThat(ResetAction.parse(" LINES ")).isEqualTo(ResetAction.linesPulse());
        ResetAction command = ResetAction.parse("command:uhubctl -a cycle -l 1-1 -p 2");
        assertThat(command).isEqualTo(ResetAction.command("uhubctl -a cycle -l 1-1 -p 2"));
        assertThat(command).hasToString("command:uhubctl -a cycle -l 1-1 -p 2");
        assertThat(ResetAction.parse(command.toString())).isEqualTo(command);
        assertThat(ResetAction.none().isNone()).isTrue();
        assertThat(command.isNone()).isFalse();
    }

    @Test
    void aCommandKeepsItsColonsAndCase() {
        assertThat(ResetAction.parse("Command:labgrid-client -p lab-07 power cycle"))
                .hasToString("command:labgrid-client -p lab-07 power cycle");
        assertThat(ResetAction.parse("command:ssh pi@relay:22 'Relay OFF; sleep 1; relay on'"))
                .hasToString("command:ssh pi@relay:22 'Relay OFF; sleep 1; relay on'");
    }

    @Test
    void anUnknownActionIsRefusedNamingTheForms() {
        assertThatThrownBy(() -> ResetAction.parse("dtr"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'dtr' is not a reset action: use none, lines (pulse DTR and RTS, as esptool does) or "
                        + "command: followed by a shell command line (e.g. command:uhubctl -a cycle -l 1-1 -p 2).");
    }

    @Test
    void aBlankCommandIsRefused() {
        assertThatThrownBy(() -> ResetAction.parse("command:  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("A reset command must not be blank");
    }

    @Test
    void theLinesPulseHoldsEnLowThenReleasesWithBothLinesOff() {
        RecordingLines transport = new RecordingLines(true);
        ResetAction.linesPulse().perform(transport);
        assertThat(transport.calls).containsExactly("dtr=OFF rts=ON", "dtr=OFF rts=OFF");
        assertThat(transport.heldNanos).isGreaterThanOrEqualTo(ResetAction.PULSE.toNanos());
    }

    @Test
    void theLinesPulseReachesThePortThroughTheTranscriptsTap() {
        RecordingLines port = new RecordingLines(true);
        TappedTransport tapped = new TappedTransport(port, new TappedTransport.Tap() {
            @Override
            public void sent(byte[] data, int offset, int length) {}

            @Override
            public void received(byte[] data, int offset, int length) {}
        });
        ResetAction.linesPulse().perform(tapped);
        assertThat(port.calls).containsExactly("dtr=OFF rts=ON", "dtr=OFF rts=OFF");
    }

    @Test
    void theLinesPulseNeedsAPortWithLines() {
        assertThatThrownBy(() -> ResetAction.linesPulse().perform(new RecordingLines(false)))
                .isInstanceOf(ResetFailedException.class)
                .hasMessage("The reset action 'lines' needs modem lines (DTR, RTS), and exec:board has none: use a "
                        + "local serial port or RFC 2217, or a command action.");
    }

    @Test
    void aCommandRunsInAShellWithTheConnectionInItsEnvironment(@TempDir java.nio.file.Path folder) throws Exception {
        java.nio.file.Path seen = folder.resolve("seen");
        ResetAction.command("echo \"$BELAY_CONNECTION\" > '" + seen + "'").perform(new RecordingLines(false));
        assertThat(java.nio.file.Files.readString(seen)).isEqualTo("exec:board\n");
    }

    @Test
    void aFailingCommandReportsItsExitCodeAndTheEndOfItsOutput() {
        ResetAction failing = ResetAction.command("for i in $(seq 1 500); do echo line $i; done; echo 'no hub' >&2; exit 3");
        assertThatThrownBy(() -> failing.perform(new RecordingLines(false)))
                .isInstanceOf(ResetFailedException.class)
                .hasMessageStartingWith("The reset command 'for i in $(seq 1 500); do echo line $i; done; echo "
                        + "'no hub' >&2; exit 3' failed with exit code 3; its output ended with: '...")
                .hasMessageEndingWith("line 499 | line 500 | no hub'. Run it by hand to see why.")
                .hasMessageNotContaining("line 1 |");
    }

    @Test
    void aCommandThatCannotRunSaysSo() {
        assertThatThrownBy(() -> ResetAction.command("no-such-reset-tool-here").perform(new RecordingLines(false)))
                .isInstanceOf(ResetFailedException.class)
                .hasMessageStartingWith("The reset command 'no-such-reset-tool-here' failed with exit code 127; "
                        + "its output ended with: '");
    }

    /** A transport that records what is done to its lines; reads and writes are not for it. */
    private static final class RecordingLines implements Transport {
        private final boolean hasLines;
        private final List<String> calls = new ArrayList<>();
        private long lastNanos;
        private long heldNanos;

        RecordingLines(boolean hasLines) {
            this.hasLines = hasLines;
        }

        @Override
        public boolean hasLines() {
            return hasLines;
        }

        @Override
        public void setLines(LineState dtr, LineState rts) {
            long now = System.nanoTime();
            if (!calls.isEmpty()) {
                heldNanos = now - lastNanos;
            }
            lastNanos = now;
            calls.add("dtr=" + dtr + " rts=" + rts);
        }

        @Override
        public int read(byte[] buffer, int offset, int length, long timeoutMillis) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(byte[] data, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String name() {
            return "exec:board";
        }

        @Override
        public void close() {}
    }
}
