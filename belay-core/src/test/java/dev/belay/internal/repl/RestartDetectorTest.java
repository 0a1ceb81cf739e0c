package dev.belay.internal.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RestartDetectorTest {

    private final RestartDetector detector = new RestartDetector();

    private void feed(String... chunks) {
        for (String chunk : chunks) {
            byte[] bytes = chunk.getBytes(StandardCharsets.ISO_8859_1);
            detector.saw(bytes, 0, bytes.length);
        }
    }

    @Test
    void aSoftRebootEndingAtTheRawPromptIsARestart() {
        feed("OK\r\nMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>");
        assertThat(detector.restarted()).isTrue();
        assertThat(detector.evidence()).contains("soft reboot");
    }

    @Test
    void aBootBannerSplitAcrossReadsEndingAtTheFriendlyPromptIsARestart() {
        feed("\u0000Micro", "Python v1.9.2 on 2017-09-01; micro:bit v1.0.1\r\nType \"help()\" for more information.\r\n>",
                ">> ");
        assertThat(detector.restarted()).isTrue();
    }

    @Test
    void aBannerWhosePromptHasNotArrivedIsNotYetARestart() {
        feed("MicroPython v1.27.0 on 2025-01-01; webassembly\r\nType \"help()\" for more information.\r\n");
        assertThat(detector.restarted()).isFalse();
        feed(">>> ");
        assertThat(detector.restarted()).isTrue();
    }

    @Test
    void aPromptInTheMiddleOfAReadIsSeen() {
        feed("soft reboot\r\nraw REPL; CTRL-B to exit\r\n>OK\u0004\u0004>");
        assertThat(detector.restarted()).isTrue();
    }

    @Test
    void theRawPromptAloneIsNotARestart() {
        feed("\r\n>>> \r\nraw REPL; CTRL-B to exit\r\n>");
        assertThat(detector.restarted()).isFalse();
    }

    @Test
    void outputThatMentionsARebootWithoutAPromptIsNotARestart() {
        feed("OKsoft reboot is what the manual calls it\r\n\u0004\u0004>");
        assertThat(detector.restarted()).isFalse();
    }

    @Test
    void acknowledgingForgetsASeenRestart() {
        feed("soft reboot\r\nraw REPL; CTRL-B to exit\r\n>");
        detector.acknowledge();
        assertThat(detector.restarted()).isFalse();
        feed("OK\u0004\u0004>");
        assertThat(detector.restarted()).isFalse();
        feed("MicroPython v1.27.0\r\n>>> ");
        assertThat(detector.restarted()).isTrue();
        assertThat(detector.count()).isEqualTo(2);
    }

    @Test
    void aRestartUnderWayWhenAcknowledgedIsStillSeenWhenItsPromptArrives() {
        feed("OK\u0004\u0004>MPY: soft reb");
        detector.acknowledge();
        feed("oot\r\nMicroPython v1.27.0\r\n>>> ");
        assertThat(detector.restarted()).isTrue();
    }

    @Test
    void aNewWebReplSessionIsARestart() {
        detector.newSession();
        assertThat(detector.restarted()).isTrue();
        assertThat(detector.evidence()).isEqualTo("its WebREPL session ended and a new one began");
    }

    @Test
    void endlessOutputKeepsItsMemoryBounded() {
        String line = "x".repeat(1000);
        for (int i = 0; i < 10_000; i++) {
            feed(line);
        }
        assertThat(detector.restarted()).isFalse();
    }
}
