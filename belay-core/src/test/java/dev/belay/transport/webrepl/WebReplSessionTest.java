package dev.belay.transport.webrepl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.belay.ConnectionLostException;
import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the transport does when the board ends the WebREPL session: a reset, or a board that is gone. */
class WebReplSessionTest {

    private static final String PASSWORD = "pw1234";
    private static final String NEW_SESSION = "|new session|";

    private FakeWebReplBoard board;
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopBoard() {
        later.shutdownNow();
        if (board != null) {
            board.close();
        }
    }

    private Transport open(LinkOptions options) throws InterruptedException {
        board = FakeWebReplBoard.start(0, PASSWORD);
        return WebReplTransport.open(board.address(), options.withPassword(PASSWORD));
    }

    /** What a session passes on after the login: the greeting is the login's, only the prompt is the board's. */
    private static final String PROMPT = ">>> ";

    /** Reads into {@code heard} until it ends with {@code end}, for up to 5 s. */
    private static void readUntil(Transport transport, StringBuilder heard, String end) {
        byte[] buffer = new byte[256];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!heard.toString().endsWith(end)) {
            if (System.nanoTime() - deadline > 0) {
                fail("Waited 5 s for '" + end + "'; heard '" + heard + "'");
            }
            int n = transport.read(buffer, 0, buffer.length, 100);
            heard.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void aSessionRenewedAfterAResetIsAnnouncedJustBeforeItsFirstByteAndItsGreetingIsNotPassedOn() throws Exception {
        try (Transport transport = open(LinkOptions.defaults())) {
            StringBuilder heard = new StringBuilder();
            transport.onNewSession(() -> heard.append(NEW_SESSION));
            readUntil(transport, heard, PROMPT);
            board.say("MPY: soft reboot\r\n");
            board.reset();
            readUntil(transport, heard, NEW_SESSION + PROMPT);
            assertThat(heard).hasToString(PROMPT + "MPY: soft reboot\r\n" + NEW_SESSION + PROMPT);
        }
    }

    @Test
    void theFirstLoginIsNoNewSession() throws Exception {
        try (Transport transport = open(LinkOptions.defaults())) {
            StringBuilder heard = new StringBuilder();
            transport.onNewSession(() -> heard.append(NEW_SESSION));
            readUntil(transport, heard, PROMPT);
            board.say("1\r\n");
            readUntil(transport, heard, "1\r\n");
            assertThat(heard).doesNotContain(NEW_SESSION);
        }
    }

    @Test
    void aBoardThatTakesNoConnectionWithinTheResetGraceIsReportedGoneWithoutWaitingOutTheConnectTimeout()
            throws Exception {
        try (Transport transport = open(LinkOptions.defaults().withConnectTimeout(Duration.ofSeconds(10))
                .withResetGrace(Duration.ofMillis(500)))) {
            readUntil(transport, new StringBuilder(), PROMPT);
            board.close();
            long start = System.nanoTime();
            assertThatThrownBy(() -> readUntil(transport, new StringBuilder(), "never"))
                    .isInstanceOf(ConnectionLostException.class)
                    .hasMessageContaining("it took no new connection within 0.5 s")
                    .hasMessageContaining("its WebREPL was stopped");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThatThrownBy(() -> transport.write(new byte[] {3}, 0, 1))
                    .isInstanceOf(ConnectionLostException.class);
        }
    }

    @Test
    void aBoardThatListensAgainWithinTheResetGraceIsLoggedInAgain() throws Exception {
        try (Transport transport = open(LinkOptions.defaults().withResetGrace(Duration.ofSeconds(5)))) {
            StringBuilder heard = new StringBuilder();
            transport.onNewSession(() -> heard.append(NEW_SESSION));
            readUntil(transport, heard, PROMPT);
            int port = board.getPort();
            board.close();
            ScheduledFuture<FakeWebReplBoard> back = later.schedule(
                    () -> FakeWebReplBoard.start(port, PASSWORD), 1, TimeUnit.SECONDS);
            try {
                readUntil(transport, heard, NEW_SESSION + PROMPT);
            } finally {
                board = back.get(5, TimeUnit.SECONDS);
            }
        }
    }
}
