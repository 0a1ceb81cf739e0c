package dev.belay.transport.webrepl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.ConnectionException;
import dev.belay.DeviceOptions;
import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transports;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebReplTransportTest {

    @Test
    void anAddressWithoutAPortGetsWebRepls8266() {
        assertThat(WebReplTransport.address("ws://192.168.1.100")).isEqualTo(URI.create("ws://192.168.1.100:8266/"));
        assertThat(WebReplTransport.address("ws://board.local:9000/")).isEqualTo(URI.create("ws://board.local:9000/"));
    }

    @Test
    void tlsIsRefusedSinceNoBoardOffersIt() {
        assertThatThrownBy(() -> Transports.open("wss://192.168.1.100", LinkOptions.defaults().withPassword("python")))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("WebREPL does not offer")
                .hasMessageContaining("Use ws://");
    }

    @Test
    void aMalformedAddressSaysHowToWriteOne() {
        assertThatThrownBy(() -> WebReplTransport.address("ws://"))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("ws://HOST:PORT");
    }

    @Test
    void passwordsOfUpToNineCharactersPass() {
        WebReplTransport.checkPassword("ws://b", "p");
        WebReplTransport.checkPassword("ws://b", "123456789");
    }

    @Test
    void aTenCharacterPasswordIsRefusedWithTheReasonAndWithoutQuotingIt() {
        assertThatThrownBy(() -> WebReplTransport.checkPassword("ws://b", "0123456789"))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("has 10 characters, but a MicroPython board accepts at most 9")
                .hasMessageContaining("keeps only the first 10 characters typed")
                .hasMessageNotContaining("0123456789");
    }

    @Test
    void aPasswordIsMeasuredInBytesAsTheBoardDoes() {
        assertThatThrownBy(() -> WebReplTransport.checkPassword("ws://b", "pässwörd1"))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("has 11 bytes in UTF-8, but a MicroPython board accepts at most 9");
    }

    @Test
    void aPasswordWithALineBreakIsRefusedSinceItEndsTheEntry() {
        assertThatThrownBy(() -> WebReplTransport.checkPassword("ws://b", "ab\ncd"))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("holds a line break");
    }

    @Test
    void noPasswordIsRefusedBeforeConnecting() {
        assertThatThrownBy(() -> WebReplTransport.checkPassword("ws://b", null))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("DeviceOptions.withPassword");
    }

    @Test
    void aPortWhereNothingListensFailsWithTheReasonAndWhatToCheck() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> Transports.open("ws://127.0.0.1:" + port, LinkOptions.defaults()
                .withPassword("python").withConnectTimeout(Duration.ofSeconds(5))))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("Could not connect to the WebREPL at ws://127.0.0.1:" + port)
                .hasMessageContaining("webrepl.start()");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void optionsNeverShowThePassword() {
        assertThat(DeviceOptions.defaults().withPassword("python").toString())
                .contains("password=(set)").doesNotContain("python");
        assertThat(LinkOptions.defaults().withPassword("python").toString())
                .contains("password=(set)").doesNotContain("python");
    }
}
