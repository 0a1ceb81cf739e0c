package dev.belay.transport.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.ConnectionException;
import dev.belay.ConnectionLostException;
import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transport;
import dev.belay.transport.Transports;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SocketTransportTest {

    @Test
    void bytesTravelUnchangedBothWays() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Transport transport = Transports.open("socket://127.0.0.1:" + server.getLocalPort(),
                     LinkOptions.defaults());
             Socket peer = server.accept()) {
            assertThat(transport.hasLines()).isFalse();
            byte[] sent = {(byte) 0xFF, (byte) 250, 44, '\r', 0, '\n'};
            transport.write(sent, 0, sent.length);
            InputStream in = peer.getInputStream();
            assertThat(in.readNBytes(sent.length)).containsExactly(sent);
            peer.getOutputStream().write(sent);
            byte[] got = new byte[16];
            int n = 0;
            while (n < sent.length) {
                n += transport.read(got, n, got.length - n, 1_000);
            }
            assertThat(got).startsWith(sent);
        }
    }

    @Test
    void aClosedConnectionFailsTheNextReadAtOnce() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Transport transport = Transports.open("socket://127.0.0.1:" + server.getLocalPort(),
                     LinkOptions.defaults())) {
            server.accept().close();
            long start = System.nanoTime();
            assertThatThrownBy(() -> transport.read(new byte[8], 0, 8, 5_000))
                    .isInstanceOf(ConnectionLostException.class)
                    .hasMessageStartingWith("The connection to socket://127.0.0.1:" + server.getLocalPort()
                            + " ended: the server closed the connection.");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void whatAServerSaidBeforeHangingUpIsQuoted() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Transport transport = Transports.open("socket://127.0.0.1:" + server.getLocalPort(),
                     LinkOptions.defaults())) {
            try (Socket peer = server.accept()) {
                peer.getOutputStream().write("Port already in use\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            byte[] buffer = new byte[64];
            assertThatThrownBy(() -> {
                while (true) {
                    transport.read(buffer, 0, buffer.length, 1_000);
                }
            }).isInstanceOf(ConnectionLostException.class)
                    .hasMessageEndingWith(" Before closing, the server said 'Port already in use'.");
        }
    }

    @Test
    void aPortNobodyListensOnAsksWhetherSer2netRuns() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        int closed = port;
        assertThatThrownBy(() -> Transports.open("socket://127.0.0.1:" + closed, LinkOptions.defaults()))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("Nothing accepts connections on 127.0.0.1 port " + closed + " (connection refused): is "
                        + "ser2net running on 127.0.0.1, listening on " + closed + "? Check the port in its accepter "
                        + "line, and that the accepter is not bound to 127.0.0.1 when you connect from another "
                        + "machine.");
    }

    @Test
    void anUnknownHostIsNamed() {
        assertThatThrownBy(() -> Transports.open("rfc2217://no-such-host.invalid:4000", LinkOptions.defaults()))
                .isInstanceOf(ConnectionException.class)
                .hasMessage("The host 'no-such-host.invalid' of rfc2217://no-such-host.invalid:4000 is unknown: no "
                        + "address was found for it. Check the name, or give the server's IP address.");
    }
}
