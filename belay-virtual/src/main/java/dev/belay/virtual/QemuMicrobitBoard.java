package dev.belay.virtual;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The genuine BBC micro:bit v1 MicroPython firmware in {@code qemu-system-arm -M microbit}.
 * QEMU serves the UART on a unix socket (whose receive path, unlike a pty, drops input beyond the
 * board's 64-byte buffer, as a real micro:bit does) and its monitor on another, for hard resets.
 * Files on the board live as long as QEMU: across resets and unplugs, not across {@link #close()}.
 */
final class QemuMicrobitBoard extends SocketBoard {

    /** Where Debian's firmware-microbit-micropython package puts the firmware. */
    static final String DEFAULT_FIRMWARE = "/usr/share/firmware-microbit-micropython/firmware.hex";
    private static final long SOCKET_TIMEOUT_NANOS = 10_000_000_000L;
    private static final long MONITOR_TIMEOUT_NANOS = 5_000_000_000L;

    private final Path monitorSocket = workDir.resolve("monitor.sock");
    private ChildProcess qemu;

    QemuMicrobitBoard() {
        super(BoardKind.MICROBIT);
        boot();
    }

    @Override
    protected void startBoard() {
        String firmware = System.getProperty("belay.microbit.firmware", DEFAULT_FIRMWARE);
        if (!Files.isReadable(Path.of(firmware))) {
            throw new VirtualBoardException("The micro:bit firmware " + firmware + " is missing. Install it "
                    + "(Debian: sudo apt-get install firmware-microbit-micropython) or name another with "
                    + "-Dbelay.microbit.firmware=PATH.");
        }
        String binary = System.getProperty("belay.qemu", "qemu-system-arm");
        qemu = ChildProcess.start("qemu-microbit", List.of(binary, "-M", "microbit",
                "-display", "none", "-nodefaults",
                "-monitor", "unix:" + monitorSocket + ",server=on,wait=off",
                "-serial", "unix:" + uartSocket + ",server=on,wait=off",
                "-device", "loader,file=" + firmware),
                "Install QEMU's ARM system emulator (Debian: sudo apt-get install qemu-system-arm) or name "
                        + "its binary with -Dbelay.qemu=PATH.");
        long deadline = System.nanoTime() + SOCKET_TIMEOUT_NANOS;
        while (!(Files.exists(uartSocket) && Files.exists(monitorSocket))) {
            if (!qemu.isAlive() || System.nanoTime() - deadline > 0) {
                throw new VirtualBoardException("QEMU did not start the micro:bit." + qemu.describeTail());
            }
            LockSupport.parkNanos(2_000_000);
        }
    }

    @Override
    public void hardReset() {
        monitor("system_reset");
    }

    /** QEMU's monitor takes one command per connection: socat (which the board's pty needs anyway) sends it. */
    @Override
    public String resetCommand() {
        return "printf 'system_reset\\n' | socat - UNIX-CONNECT:'" + monitorSocket + "' > /dev/null";
    }

    /** Sends one command to QEMU's human monitor and waits for its next prompt. */
    private void monitor(String command) {
        long deadline = System.nanoTime() + MONITOR_TIMEOUT_NANOS;
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(monitorSocket));
             Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            awaitPrompt(channel, selector, deadline);
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            awaitPrompt(channel, selector, deadline);
        } catch (IOException e) {
            throw new VirtualBoardException("QEMU's monitor did not take '" + command + "': " + e.getMessage()
                    + "." + qemu.describeTail(), e);
        }
    }

    private static void awaitPrompt(SocketChannel channel, Selector selector, long deadline) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        StringBuilder seen = new StringBuilder();
        while (!seen.toString().endsWith("(qemu) ")) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new IOException("no monitor prompt within " + MONITOR_TIMEOUT_NANOS / 1_000_000L + " ms");
            }
            selector.select(left);
            buffer.clear();
            if (channel.read(buffer) < 0) {
                throw new IOException("the monitor closed the connection");
            }
            seen.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII));
        }
    }

    @Override
    protected void stopBoard() {
        if (qemu != null) {
            qemu.stop();
        }
    }
}
