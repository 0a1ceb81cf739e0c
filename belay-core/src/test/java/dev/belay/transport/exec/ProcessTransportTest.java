package dev.belay.transport.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.ConnectionException;
import dev.belay.ConnectionLostException;
import dev.belay.DeviceTimeoutException;
import dev.belay.transport.LinkOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessTransportTest {

    private final ProcessTransportProvider provider = new ProcessTransportProvider();

    @Test
    void bytesTravelThroughTheProcessBothWays() {
        try (var transport = provider.open("exec:cat", LinkOptions.defaults())) {
            byte[] sent = "ping\u0004".getBytes(StandardCharsets.UTF_8);
            transport.write(sent, 0, sent.length);
            byte[] got = new byte[16];
            int n = 0;
            while (n < sent.length) {
                n += transport.read(got, n, got.length - n, 2_000);
            }
            assertThat(new String(got, 0, n, StandardCharsets.UTF_8)).isEqualTo("ping\u0004");
        }
    }

    @Test
    void aQuietProcessIsIdleNotGone() {
        try (var transport = provider.open("exec:cat", LinkOptions.defaults())) {
            assertThat(transport.read(new byte[4], 0, 4, 20)).isZero();
        }
    }

    @Test
    void aProcessThatEndsIsALostConnectionQuotingItsExitAndStderr() {
        try (var transport = provider.open("exec:echo 'board on fire' >&2; exit 3", LinkOptions.defaults())) {
            assertThatThrownBy(() -> transport.read(new byte[4], 0, 4, 5_000))
                    .isInstanceOf(ConnectionLostException.class)
                    .hasMessageStartingWith("The process 'echo 'board on fire' >&2; exit 3' ended with exit code 3.")
                    .hasMessageContaining("board on fire");
        }
    }

    @Test
    void aWriteToAProcessThatNeverReadsItsStdinThrowsAfterTheWriteTimeoutAndCloseStopsIt() throws Exception {
        String marker = "sleep 30.4159"; // names this test's child among the JVM's
        var transport = provider.open("exec:" + marker, LinkOptions.defaults().withWriteTimeout(Duration.ofMillis(500)));
        byte[] moreThanAPipeHolds = new byte[1 << 20];
        long start = System.nanoTime();
        try {
            assertThatThrownBy(() -> transport.write(moreThanAPipeHolds, 0, moreThanAPipeHolds.length))
                    .isInstanceOf(DeviceTimeoutException.class)
                    .hasMessageStartingWith("The board at exec:" + marker + " took no bytes for 0.5 s")
                    .hasMessageContaining("stopped reading its stdin");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        } finally {
            List<ProcessHandle> children = ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains(marker)).toList();
            assertThat(children).isNotEmpty();
            transport.close();
            for (ProcessHandle child : children) {
                child.onExit().get(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aWriteToASlowButSteadyReaderTakesLongerThanTheWriteTimeoutAndSucceeds() {
        // Takes one 16 KiB read every 0.2 s: far under the timeout between bytes, far over it in all.
        String slowReader = "exec:while dd bs=16384 count=1 of=/dev/null 2>/dev/null; do sleep 0.2; done";
        try (var transport = provider.open(slowReader, LinkOptions.defaults().withWriteTimeout(Duration.ofSeconds(1)))) {
            byte[] data = new byte[256 * 1024];
            long start = System.nanoTime();
            transport.write(data, 0, data.length);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void execWithoutACommandIsRefused() {
        assertThatThrownBy(() -> provider.open("exec: ", LinkOptions.defaults()))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("'exec: ' names no command. Write exec: followed by the command to run, "
                        + "e.g. exec:socat - /dev/ttyUSB0,rawer");
    }
}
