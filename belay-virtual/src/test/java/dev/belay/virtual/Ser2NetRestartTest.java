package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.belay.ConnectionLostException;
import dev.belay.Device;
import dev.belay.DeviceOptions;
import dev.belay.HistoryEntry;
import dev.belay.transport.LineState;
import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transport;
import dev.belay.transport.Transports;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ser2net going away under a connection, as when the lab machine that exports a board restarts
 * its service, and the modem lines over RFC 2217 on a pty.
 */
class Ser2NetRestartTest {

    private static final Logger LOG = LoggerFactory.getLogger(Ser2NetRestartTest.class);
    private static final double AREA = Math.PI * 2 * 2;

    private VirtualBoard board;
    private Ser2Net server;

    @BeforeEach
    void start() {
        board = VirtualBoards.start(BoardKind.MICROPYTHON);
        server = Ser2Net.serve(board.port(), Ser2Net.Accepter.RFC2217);
    }

    @AfterEach
    void stop() {
        try {
            server.close();
        } finally {
            board.close();
        }
    }

    private Device connect(int attempts) {
        return Device.connect(server.connection(), DeviceOptions.defaults().withAttempts(attempts));
    }

    @Test
    void withAttemptsTheNextCallAfterASer2netRestartSucceedsWithTheStateThere() {
        try (Device device = connect(10)) {
            device.exec("import math");
            device.exec("radius = 2");
            server.kill();
            server.start();
            assertThat(device.eval("math.pi * radius * radius", double.class)).isCloseTo(AREA, Offset.offset(1e-9));
        }
    }

    @Test
    void withAttemptsTheHistoryIsReplayedWhenTheBoardResetWhileSer2netWasDown() {
        try (Device device = connect(10)) {
            device.exec("import math");
            device.exec("radius = 2");
            server.kill();
            board.hardReset();
            server.start();
            assertThat(device.eval("math.pi * radius * radius", double.class)).isCloseTo(AREA, Offset.offset(1e-9));
            assertThat(device.history()).extracting(HistoryEntry::kind)
                    .containsExactly(HistoryEntry.Kind.EXEC, HistoryEntry.Kind.EXEC);
        }
    }

    @Test
    void withoutAttemptsAKilledSer2netFailsTheNextCallWithinTwoSeconds() {
        try (Device device = connect(0)) {
            device.exec("x = 1");
            long start = System.nanoTime();
            server.kill();
            assertThatThrownBy(() -> device.exec("pass"))
                    .isInstanceOf(ConnectionLostException.class)
                    .hasMessageStartingWith("The connection to " + server.connection() + " ended: the server closed "
                            + "the connection.")
                    .hasMessageContaining("Reconnecting is off (attempts = 0)");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            LOG.info("A call after ser2net was killed failed {} ms after the kill", took.toMillis());
            assertThat(took).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aCallRunningWhenSer2netIsKilledFailsWithinTwoSeconds() throws Exception {
        try (Device device = connect(0)) {
            long mark = device.transcript().position();
            CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> catchThrowable(
                    () -> device.exec("import time\nprint('looping')\nwhile True:\n    time.sleep_ms(10)")));
            await().atMost(Duration.ofSeconds(10)).until(() -> device.transcript().since(mark).contains("looping"));
            long start = System.nanoTime();
            server.kill();
            Throwable failure = running.get(5, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            LOG.info("A call running when ser2net was killed failed {} ms after the kill", took.toMillis());
            assertThat(failure).isInstanceOf(ConnectionLostException.class);
            assertThat(took).isLessThan(Duration.ofSeconds(2));
        }
    }

    /**
     * A pty has no modem lines: ser2net takes SET-CONTROL for DTR and RTS and sends no answer (its
     * ioctl fails). What the transport sends is checked byte for byte against a scripted server in
     * Rfc2217TransportTest; here, that setting the lines through the real ser2net neither waits for
     * an answer nor disturbs the data.
     */
    @Test
    void theModemLinesAreSetThroughSer2netWithoutWaitingForAnswersAPtyCannotGive() {
        LinkOptions bothOff = LinkOptions.defaults().withDtr(LineState.OFF).withRts(LineState.OFF);
        try (Transport transport = Transports.open(server.connection(), bothOff)) {
            assertThat(transport.hasLines()).isTrue();
            long start = System.nanoTime();
            transport.setLines(LineState.ON, LineState.ON);
            transport.setLines(LineState.OFF, LineState.ON);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            byte[] line = "print(6 * 7)\r".getBytes(StandardCharsets.US_ASCII);
            transport.write(line, 0, line.length);
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[256];
            long end = System.nanoTime() + 5_000_000_000L;
            while (!seen.toString().contains("\r\n42\r\n") && System.nanoTime() < end) {
                int n = transport.read(buffer, 0, buffer.length, 200);
                seen.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
            }
            assertThat(seen.toString()).contains("\r\n42\r\n");
        }
    }

    @Test
    void aDeviceWithTheLinesOffRunsCodeThroughSer2net() {
        DeviceOptions options = DeviceOptions.defaults().withDtr(LineState.OFF).withRts(LineState.KEEP);
        try (Device device = Device.connect(server.connection(), options)) {
            assertThat(device.eval("6 * 7")).isEqualTo(42L);
        }
    }

    @Test
    void aClientFromAnotherMachineIsWaitedForUpToTheLockTimeoutNotTheConnectTimeout() throws Exception {
        // A client Belay's lock file cannot see (another machine's test run) has the port.
        java.net.URI address = java.net.URI.create(server.connection());
        try (java.net.Socket other = new java.net.Socket(address.getHost(), address.getPort())) {
            other.setSoTimeout(5_000);
            assertThat(other.getInputStream().read()).isNotNegative(); // ser2net greets it: it has the port
            DeviceOptions patient = DeviceOptions.defaults().withConnectTimeout(Duration.ofSeconds(1))
                    .withLockTimeout(Duration.ofSeconds(60));
            CompletableFuture<Device> connecting = CompletableFuture.supplyAsync(
                    () -> Device.connect(server.connection(), patient));
            try {
                // Twice the connect timeout: a connect that gave up at the connect timeout would be done.
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !connecting.isDone());
                other.close();
                try (Device device = connecting.get(30, TimeUnit.SECONDS)) {
                    assertThat(device.eval("6 * 7")).isEqualTo(42L);
                }
            } finally {
                connecting.thenAccept(Device::close);
            }
        }
    }
}
