package dev.belay.transport.webrepl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.DeviceTimeoutException;
import dev.belay.transport.LinkOptions;
import dev.belay.transport.Transport;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WebReplWriteDeadlineTest {

    private static final String PASSWORD = "pw1234";

    @Test
    void aWriteToABoardThatStoppedReadingThrowsAfterTheWriteTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.setReceiveBufferSize(4096);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CompletableFuture<Socket> board = CompletableFuture.supplyAsync(() -> logInAndStopReading(server));
            try (Transport transport = WebReplTransport.open("ws://127.0.0.1:" + server.getLocalPort(),
                    LinkOptions.defaults().withPassword(PASSWORD).withWriteTimeout(Duration.ofMillis(500)))) {
                byte[] moreThanTheSocketsHold = new byte[32 << 20];
                long start = System.nanoTime();
                assertThatThrownBy(() -> transport.write(moreThanTheSocketsHold, 0, moreThanTheSocketsHold.length))
                        .isInstanceOf(DeviceTimeoutException.class)
                        .hasMessageStartingWith("The board at ws://127.0.0.1:" + server.getLocalPort()
                                + " took no bytes for 0.5 s");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            } finally {
                board.join().close();
            }
        }
    }

    /** A board's WebREPL up to the greeting: handshake, password prompt, password, greeting; then it reads no more. */
    private static Socket logInAndStopReading(ServerSocket server) {
        try {
            Socket client = server.accept();
            BufferedReader request = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            String key = null;
            for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
                if (line.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18)) {
                    key = line.substring(18).strip();
                }
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            textFrame(out, "Password: ");
            // The client's password frame: masked, short. The request reader read nothing past the
            // headers, since the client sends its frame only after the prompt.
            DataInputStream in = new DataInputStream(client.getInputStream());
            in.readUnsignedByte();
            int length = in.readUnsignedByte() & 0x7f;
            in.readFully(new byte[4 + length]);
            textFrame(out, FakeWebReplBoard.GREETING);
            return client;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void textFrame(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.ISO_8859_1);
        out.write(0x81);
        out.write(payload.length);
        out.write(payload);
        out.flush();
    }
}
