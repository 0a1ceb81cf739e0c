package dev.belay.virtual;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.ConnectionException;
import dev.belay.Device;
import dev.belay.DeviceOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An rfc2217:// address given for a ser2net port configured otherwise: the message names the mismatch. */
class Ser2NetAccepterMismatchTest {

    private VirtualBoard board;
    private Ser2Net server;

    @BeforeEach
    void startBoard() {
        board = VirtualBoards.start(BoardKind.MICROPYTHON);
    }

    @AfterEach
    void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            board.close();
        }
    }

    @Test
    void aPlainTelnetPortRefusesComPortOptionAndIsNamed() {
        server = Ser2Net.serve(board.port(), Ser2Net.Accepter.PLAIN_TELNET);
        assertThatThrownBy(() -> Device.connect(server.connection()))
                .isInstanceOf(ConnectionException.class)
                .hasMessageStartingWith("The telnet server at " + server.address() + " refused COM-PORT-OPTION "
                        + "(RFC 2217)")
                .hasMessageContaining("write the accepter as telnet(rfc2217),tcp,PORT");
    }

    @Test
    void aRawPortNeverNegotiatesAndSocketIsSuggested() {
        server = Ser2Net.serve(board.port(), Ser2Net.Accepter.RAW);
        String rfc2217 = "rfc2217://" + server.address();
        assertThatThrownBy(() -> Device.connect(rfc2217, DeviceOptions.defaults()
                .withConnectTimeout(Duration.ofSeconds(1))))
                .isInstanceOf(ConnectionException.class)
                .hasMessageContaining("did not complete the RFC 2217 negotiation")
                .hasMessageContaining("use socket://" + server.address());
    }
}
