package dev.belay.transport.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.nio.charset.StandardCharsets;

/**
 * An RFC 2217 server as far as a client sees it, for one connection: it agrees to the options
 * (or refuses COM-PORT-OPTION, or says nothing), answers each COM-PORT-OPTION command with the
 * command + 100 and the value (or a value it was told to give), and records what it received.
 */
final class FakeRfc2217Server implements AutoCloseable {

    enum Mode { AGREE, REFUSE_COM_PORT, SILENT, HANG_UP }

    private final ServerSocket server;
    private final Mode mode;
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private final List<String> commands = new ArrayList<>();
    private volatile byte[] baudAnswer;
    private final java.util.Set<Integer> unanswered = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile byte[] hangUpWith = new byte[0];
    private volatile Socket client;
    private volatile byte[] greeting = new byte[0];
    private volatile int busyConnections;
    private volatile int connections;

    private FakeRfc2217Server(Mode mode) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    static FakeRfc2217Server start(Mode mode) throws IOException {
        FakeRfc2217Server fake = new FakeRfc2217Server(mode);
        Thread thread = new Thread(fake::serve, "fake-rfc2217");
        thread.setDaemon(true);
        thread.start();
        return fake;
    }

    /** Answers SET-BAUDRATE with this rate instead of the one asked for. */
    FakeRfc2217Server answeringBaudRate(int rate) {
        baudAnswer = ComPortOption.setBaudRate(rate);
        return this;
    }

    /** Sends no SET-CONTROL answers, as ser2net does for a pseudo-terminal. */
    FakeRfc2217Server silentOnControl() {
        return silentOn(ComPortOption.SET_CONTROL);
    }

    /** Sends no answer to this COM-PORT-OPTION command. */
    FakeRfc2217Server silentOn(int command) {
        unanswered.add(command);
        return this;
    }

    /** In {@link Mode#HANG_UP}: what the server says before closing, as ser2net when the device cannot be opened. */
    FakeRfc2217Server sayingBeforeHangingUp(String text) {
        hangUpWith = text.getBytes(StandardCharsets.US_ASCII);
        return this;
    }

    /** Greets each client as ser2net 4.3 does: WILL SGA, DO SGA, WILL ECHO, DONT ECHO, DO BINARY, WILL BINARY, DO 44. */
    FakeRfc2217Server greetingAsSer2netDoes() {
        greeting = new byte[] {(byte) 255, (byte) 251, 3, (byte) 255, (byte) 253, 3, (byte) 255, (byte) 251, 1,
            (byte) 255, (byte) 254, 1, (byte) 255, (byte) 253, 0, (byte) 255, (byte) 251, 0, (byte) 255, (byte) 253, 44};
        return this;
    }

    String connection() {
        return "rfc2217://127.0.0.1:" + server.getLocalPort();
    }

    /** Turns the first {@code count} connections away as ser2net does while another client has the port. */
    FakeRfc2217Server busyFor(int count) {
        busyConnections = count;
        return this;
    }

    /** How many connections were made. */
    int connections() {
        return connections;
    }

    private void serve() {
        Socket socket;
        try {
            while (true) {
                socket = server.accept();
                connections++;
                if (busyConnections == 0) {
                    break;
                }
                busyConnections--;
                try (Socket busy = socket) {
                    // In one write, as ser2net sends it: the client reads it all before it speaks.
                    ByteArrayOutputStream words = new ByteArrayOutputStream();
                    words.writeBytes(greeting);
                    words.writeBytes("Port already in use\r\n".getBytes(StandardCharsets.US_ASCII));
                    busy.getOutputStream().write(words.toByteArray());
                }
            }
        } catch (IOException e) {
            return;
        }
        Socket accepted = socket;
        try (accepted) {
            client = accepted;
            OutputStream out = accepted.getOutputStream();
            if (mode == Mode.HANG_UP) {
                ByteArrayOutputStream words = new ByteArrayOutputStream();
                words.writeBytes(greeting);
                words.writeBytes(Telnet.negotiation(Telnet.DO, Telnet.COM_PORT_OPTION));
                words.writeBytes(hangUpWith);
                out.write(words.toByteArray());
                return;
            }
            out.write(greeting);
            TelnetDecoder decoder = new TelnetDecoder(new Responder(out));
            InputStream in = accepted.getInputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (this) {
                    wire.write(buffer, 0, n);
                }
                int d = decoder.decode(buffer, 0, n);
                synchronized (this) {
                    data.write(buffer, 0, d);
                }
            }
        } catch (IOException e) {
            // The client went away or the test closed the server.
        }
    }

    /** Board bytes or telnet commands, exactly as given, to the client. */
    void send(byte[] raw) throws IOException {
        OutputStream out = client.getOutputStream();
        synchronized (out) {
            out.write(raw);
            out.flush();
        }
    }

    /** Closes the client's connection, as ser2net does when it stops. */
    void hangUp() throws IOException {
        client.close();
    }

    /** Every byte received, telnet commands included. */
    synchronized byte[] wire() {
        return wire.toByteArray();
    }

    /** The data bytes received, telnet undone: what a board behind the server would get. */
    synchronized byte[] data() {
        return data.toByteArray();
    }

    /** The COM-PORT-OPTION commands received, as "command value-in-hex". */
    synchronized List<String> commands() {
        return List.copyOf(commands);
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket socket = client;
        if (socket != null) {
            socket.close();
        }
    }

    private final class Responder implements TelnetDecoder.Listener {
        private final OutputStream out;

        Responder(OutputStream out) {
            this.out = out;
        }

        @Override
        public void negotiation(int command, int option) {
            if (mode == Mode.SILENT) {
                return;
            }
            if (command == Telnet.WILL) {
                boolean refuse = option == Telnet.COM_PORT_OPTION && mode == Mode.REFUSE_COM_PORT;
                reply(Telnet.negotiation(refuse ? Telnet.DONT : Telnet.DO, option));
            } else if (command == Telnet.DO) {
                reply(Telnet.negotiation(Telnet.WILL, option));
            }
        }

        @Override
        public void subnegotiation(int option, byte[] payload) {
            int command = payload[0] & 0xFF;
            synchronized (FakeRfc2217Server.this) {
                commands.add(command + " " + HexFormat.of().formatHex(payload, 1, payload.length));
            }
            if (unanswered.contains(command)) {
                return;
            }
            byte[] answer = command == ComPortOption.SET_BAUDRATE && baudAnswer != null ? baudAnswer.clone()
                    : payload.clone();
            answer[0] = (byte) (command + ComPortOption.ANSWER);
            reply(Telnet.subnegotiation(option, answer));
        }

        private void reply(byte[] bytes) {
            try {
                synchronized (out) {
                    out.write(bytes);
                    out.flush();
                }
            } catch (IOException e) {
                // The client went away; serve() ends at its next read.
            }
        }
    }
}
