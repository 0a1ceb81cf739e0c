package dev.belay.transport.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.belay.BoardBusyException;
import dev.belay.ConnectionException;
import dev.belay.ConnectionLostException;
import dev.belay.transport.LineState;
import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transport;
import dev.belay.transport.Transports;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Rfc2217TransportTest {

    private static final LinkOptions QUICK = LinkOptions.defaults().withConnectTimeout(Duration.ofSeconds(2));

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable each : opened) {
            each.close();
        }
    }

    private FakeRfc2217Server server(FakeRfc2217Server.Mode mode) throws Exception {
        FakeRfc2217Server server = FakeRfc2217Server.start(mode);
        opened.add(server);
        return server;
    }

    private Transport open(FakeRfc2217Server server, LinkOptions options) {
        Transport transport = Transports.open(server.connection(), options);
        opened.add(transport);
        return transport;
    }

    private static byte[] readAtLeast(Transport transport, int count) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[64];
        long end = System.nanoTime() + 5_000_000_000L;
        while (got.size() < count && System.nanoTime() < end) {
            got.write(buffer, 0, transport.read(buffer, 0, buffer.length, 100));
        }
        return got.toByteArray();
    }

    @Test
    void openingSetsTheSerialPortAsPyserialDoesAndTheLinesOfTheOptions() throws Exception {
        FakeRfc2217Server server = server(FakeRfc2217Server.Mode.AGREE);
        Transport transport = open(server, QUICK.withBaudRate(9600));
        assertThat(transport).isInstanceOf(Rfc2217Transport.class);
        assertThat(transport.hasLines()).isTrue();
        await().atMost(Duration.ofSeconds(2)).until(() -> server.commands().size() >= 7);
        // Baud rate, 8 data bits, no parity, 1 stop bit, purge both buffers; then DTR on, RTS on.
        assertThat(server.commands()).containsExactly("1 00002580", "2 08", "3 01", "4 01", "12 03", "5 08", "5 0b");
        assertThat(server.wire()).startsWith(255, 251, 0, 255, 251, 3, 255, 251, 44, 255, 253, 0, 255, 253, 3);
    }

    @Test
    void aServerThatGreetsFirstAsSer2netDoesIsAnsweredWithoutAskingTwice() throws Exception {
        FakeRfc2217Server server = server(FakeRfc2217Server.Mode.AGREE).greetingAsSer2netDoes();
        open(server, QUICK);
        await().atMost(Duration.ofSeconds(2)).until(() -> server.commands().size() >= 7);
        // DO SGA, WILL SGA, DONT ECHO, WILL BINARY, DO BINARY, WILL COM-PORT-OPTION: each once, before any setting.
        assertThat(server.wire()).startsWith(255, 253, 3, 255, 251, 3, 255, 254, 1, 255, 251, 0, 255, 253, 0,
                255, 251, 44, 255, 250, 44, 1);
    }

    @Test
    void linesKeptAreNotSent() throws Exception {
        FakeRfc2217Server server = server(FakeRfc2217Server.Mode.AGREE);
        Transport transport = open(server, QUICK.withDtr(LineState.KEEP).withRts(LineState.OFF));
        transport.write(new byte[] {'x'}, 0, 1);
        await().atMost(Duration.ofSeconds(2)).until(() -> server.data().length == 1);
        assertThat(server.commands()).endsWith("12 03", "5 0c");
    }

    @Test
    void setLinesSendsSetControlInTheOrderThatNeverAssertsRtsAlone() throws Exception {
        FakeRfc2217Server server = server(FakeRfc2217Server.Mode.AGREE);
        Rfc2217Transport transport = (Rfc2217Transport) open(server, QUICK);
        transport.setLines(LineState.OFF, LineState.OFF);
        transport.setLines(LineState.ON, LineState.ON);
        await().atMost(Duration.ofSeconds(2)).until(() -> server.commands().size() >= 11);
        // After the open's DTR on, RTS on: RTS off before DTR off, DTR on before RTS on.
        assertThat(server.commands().subList(7, 11)).containsExactly("5 0c", "5 09", "5 08", "5 0b");
        // The server's answers are read with the data, and kept.
        server.send(new byte[] {'k'});
        assertThat(readAtLeast(transport, 1)).containsExactly('k');
        assertThat(transport.controlAnswers()).containsExactly(8, 11, 12, 9, 8, 11);
    }

    @Test
    void aServerThatDoesNotAnswerSetControlAsForAPseudoTerminalStillOpens() throws Exception {
        FakeRfc2217Server server = server(FakeRfc2217Server.Mode.AGREE).silentOnControl();
        Rfc2217Transport transport = (Rfc2217Transport) open(server, QUICK);
        transport.setLines(LineState.OFF, LineState.ON);
        server.send(new byte[] {'k'});
        assertThat(readAtLeast(transport, 1)).containsExactly('k');
        assertThat(transport.controlAnswers()).isEmpty();
    }

    @Test
    void everyByteValueTravelsBothWaysWithIacEscaped() throws Exception {
        FakeRfc2217Server server = server(FakeRfc2217Server.Mode.AGREE);
        Transport transport = open(server, QUICK);
        byte[] all = new byte[512];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        transport.write(all, 0, all.length);
        await().atMost(Duration.ofSeconds(2)).until(() -> server.data().length >= all.length);
        assertThat(server.data()).containsExactly(all);
        server.send(Telnet.escape(all, 0, all.length));
        assertThat(readAtLeast(transport, all.length)).containsExactly(all);
    }

    @Test
    void notificationsMidStreamNeverReachTheBoardStreamEvenSplitAcrossReads() throws Exception {
        // No answers to the lines set at open, which could come between the pieces sent here.
        FakeRfc2217Server server = server(FakeRfc2217Server.Mode.AGREE).silentOnControl();
        Transport transport = open(server, QUICK);
        server.send(new byte[] {'a', 'b', (byte) 255, (byte) 250, 44});
        assertThat(readAtLeast(transport, 2)).containsExactly('a', 'b');
        server.send(new byte[] {107, 0x10, (byte) 255});
        assertThat(transport.read(new byte[16], 0, 16, 200)).isZero();
        server.send(new byte[] {(byte) 240, 'c', (byte) 255, (byte) 250, 44, 106, 0x60, (byte) 255, (byte) 240,
            (byte) 255, (byte) 255, 'd'});
        assertThat(readAtLeast(transport, 3)).containsExactly('c', 0xFF, 'd');
    }

    @Test
    void aServerThatClosesTheConnectionFailsTheNextReadAtOnce() throws Exception {
        FakeRfc2217Server server = server(FakeRfc2217Server.Mode.AGREE);
        Transport transport = open(server, QUICK);
        server.hangUp();
        long start = System.nanoTime();
        assertThatThrownBy(() -> transport.read(new byte[16], 0, 16, 5_000))
                .isInstanceOf(ConnectionLostException.class)
                .hasMessage("The connection to " + server.connection() + " ended: the server closed the connection. "
                        + "The serial server (ser2net) stopped or restarted, the network failed, or the server "
                        + "lost the board's serial port (unplugged).");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aServerThatRefusesComPortOptionIsNamed() throws Exception {
        FakeRfc2217Server server = server(FakeRfc2217Server.Mode.REFUSE_COM_PORT);
        String address = server.connection().substring("rfc2217://".length());
        assertThatThrownBy(() -> open(server, QUICK))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("The telnet server at " + address + " refused COM-PORT-OPTION (RFC 2217), so it cannot "
                        + "set up the serial port. In ser2net, write the accepter as telnet(rfc2217),tcp,PORT; for a "
                        + "port that passes bytes through as they are (accepter: tcp,PORT), use socket://" + address
                        + ".");
    }

    @Test
    void aServerThatNeverNegotiatesIsReportedWithinTheConnectTimeout() throws Exception {
        FakeRfc2217Server server = server(FakeRfc2217Server.Mode.SILENT);
        String address = server.connection().substring("rfc2217://".length());
        long start = System.nanoTime();
        assertThatThrownBy(() -> open(server, LinkOptions.defaults().withConnectTimeout(Duration.ofMillis(500))))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("The server at " + address + " did not complete the RFC 2217 negotiation: no agreement "
                        + "to COM-PORT-OPTION arrived within the connect timeout. Is it a raw TCP port (ser2net: "
                        + "accepter: tcp,PORT)? Then use socket://" + address + ", or make the accepter "
                        + "telnet(rfc2217),tcp,PORT.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(450),
                Duration.ofMillis(1500));
    }

    @Test
    void aSettingLeftUnansweredIsNamed() throws Exception {
        FakeRfc2217Server server = server(FakeRfc2217Server.Mode.AGREE).silentOn(ComPortOption.PURGE_DATA);
        String address = server.connection().substring("rfc2217://".length());
        assertThatThrownBy(() -> open(server, LinkOptions.defaults().withConnectTimeout(Duration.ofMillis(500))))
                .isInstanceOf(ConnectionException.class)
                .hasMessageStartingWith("The server at " + address + " did not complete the RFC 2217 negotiation: no "
                        + "answer to PURGE-DATA arrived within the connect timeout.");
    }

    @Test
    void aServerThatHangsUpDuringTheNegotiationIsQuoted() throws Exception {
        FakeRfc2217Server server = server(FakeRfc2217Server.Mode.HANG_UP)
                .sayingBeforeHangingUp("Device open failure: Value or file not found\r\n");
        String address = server.connection().substring("rfc2217://".length());
        assertThatThrownBy(() -> open(server, QUICK))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("The server at " + address + " closed the connection during the RFC 2217 negotiation, "
                        + "saying 'Device open failure: Value or file not found'. ser2net does so when it cannot "
                        + "open its serial device (the board is unplugged from the server, or the device path in its "
                        + "configuration is wrong) or when another client has the port.");
    }

    @Test
    void aPortBusyForAMomentIsAskedAgainWithinTheConnectTimeout() throws Exception {
        FakeRfc2217Server server = server(FakeRfc2217Server.Mode.AGREE).greetingAsSer2netDoes().busyFor(3);
        Transport transport = open(server, QUICK);
        assertThat(server.connections()).isEqualTo(4);
        server.send(new byte[] {'k'});
        assertThat(readAtLeast(transport, 1)).containsExactly('k');
    }

    @Test
    void aPortBusyForTheWholeConnectTimeoutNamesTheOtherClientAndKickolduser() throws Exception {
        FakeRfc2217Server server = server(FakeRfc2217Server.Mode.AGREE).greetingAsSer2netDoes().busyFor(1000);
        String address = server.connection().substring("rfc2217://".length());
        assertThatThrownBy(() -> open(server, LinkOptions.defaults().withConnectTimeout(Duration.ofMillis(700))))
                .isInstanceOf(BoardBusyException.class)
                .hasMessage("ser2net at " + address + " kept answering 'Port already in use' for 0.7 s: another "
                        + "client is connected to this port (a serial terminal, mpremote, another test run). Close it, "
                        + "or let the newest connection take the port over with 'kickolduser: true' in the "
                        + "connection's options in ser2net's configuration.");
    }

    @Test
    void aLineSpeedTheServerDidNotSetIsRefused() throws Exception {
        FakeRfc2217Server server = server(FakeRfc2217Server.Mode.AGREE).answeringBaudRate(9600);
        String address = server.connection().substring("rfc2217://".length());
        assertThatThrownBy(() -> open(server, QUICK))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("The RFC 2217 server at " + address + " set the line speed to 9600 baud instead of the "
                        + "115200 baud asked for (SET-BAUDRATE). Its serial port may not support it: check the port "
                        + "on the server, or set another speed with DeviceOptions.withBaudRate.");
    }
}
