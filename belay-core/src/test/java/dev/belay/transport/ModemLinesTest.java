package dev.belay.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order in which the lines change: on an ESP32 devkit, DTR cleared with RTS asserted holds
 * EN low (reset), so no change of both lines may pass through that state.
 */
class ModemLinesTest {

    /** A port's two lines, recording each state they pass through. */
    private static final class RecordingPort implements ModemLines.Sink {
        private boolean dtr;
        private boolean rts;
        private final List<String> states = new ArrayList<>();
        private final List<String> calls = new ArrayList<>();

        RecordingPort(boolean dtr, boolean rts) {
            this.dtr = dtr;
            this.rts = rts;
            states.add(state());
        }

        @Override
        public void dtr(boolean on) {
            dtr = on;
            calls.add("dtr " + (on ? "on" : "off"));
            states.add(state());
        }

        @Override
        public void rts(boolean on) {
            rts = on;
            calls.add("rts " + (on ? "on" : "off"));
            states.add(state());
        }

        private String state() {
            return "DTR=" + (dtr ? 1 : 0) + " RTS=" + (rts ? 1 : 0);
        }
    }

    @Test
    void clearingBothClearsRtsFirstAndNeverHoldsTheChipInReset() {
        RecordingPort port = new RecordingPort(true, true);
        ModemLines.apply(LineState.OFF, LineState.OFF, port);
        assertThat(port.calls).containsExactly("rts off", "dtr off");
        assertThat(port.states).containsExactly("DTR=1 RTS=1", "DTR=1 RTS=0", "DTR=0 RTS=0");
    }

    @Test
    void assertingBothAssertsDtrFirstAndNeverHoldsTheChipInReset() {
        RecordingPort port = new RecordingPort(false, false);
        ModemLines.apply(LineState.ON, LineState.ON, port);
        assertThat(port.calls).containsExactly("dtr on", "rts on");
        assertThat(port.states).containsExactly("DTR=0 RTS=0", "DTR=1 RTS=0", "DTR=1 RTS=1");
    }

    @Test
    void noChangeBetweenTheRunningStatesPassesThroughRtsAlone() {
        for (boolean start : new boolean[] {true, false}) {
            for (LineState target : new LineState[] {LineState.ON, LineState.OFF}) {
                RecordingPort port = new RecordingPort(start, start);
                ModemLines.apply(target, target, port);
                assertThat(port.states).as("from both %s to both %s", start ? "on" : "off", target.word())
                        .doesNotContain("DTR=0 RTS=1");
            }
        }
    }

    @Test
    void keepLeavesALineUntouched() {
        RecordingPort port = new RecordingPort(true, true);
        ModemLines.apply(LineState.KEEP, LineState.OFF, port);
        assertThat(port.calls).containsExactly("rts off");
        RecordingPort untouched = new RecordingPort(false, true);
        ModemLines.apply(LineState.KEEP, LineState.KEEP, untouched);
        assertThat(untouched.calls).isEmpty();
    }
}
