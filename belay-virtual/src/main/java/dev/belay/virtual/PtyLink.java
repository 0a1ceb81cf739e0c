package dev.belay.virtual;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The "USB cable" of a software board: socat joins a pseudo-terminal, published as a link at a
 * fixed path, to the board's UART socket. Stopping socat removes the pty, as pulling the cable
 * removes a board's tty; starting it again brings the same path back.
 */
final class PtyLink {

    private static final String INSTALL_SOCAT = "Install socat (Debian/Ubuntu: sudo apt-get install socat).";
    private static final long APPEAR_TIMEOUT_NANOS = 5_000_000_000L;

    private final Path link;
    private final Path uartSocket;
    private ChildProcess socat;

    PtyLink(Path link, Path uartSocket) {
        this.link = link;
        this.uartSocket = uartSocket;
    }

    Path path() {
        return link;
    }

    synchronized boolean isUp() {
        return socat != null && socat.isAlive();
    }

    /** Creates the pty and waits until its link is there. */
    synchronized void up() {
        if (isUp()) {
            return;
        }
        socat = ChildProcess.start("socat " + link.getFileName(), List.of("socat",
                "PTY,link=" + link + ",rawer", "UNIX-CONNECT:" + uartSocket), INSTALL_SOCAT);
        long deadline = System.nanoTime() + APPEAR_TIMEOUT_NANOS;
        while (!Files.exists(link)) {
            if (!socat.isAlive() || System.nanoTime() - deadline > 0) {
                String tail = socat.describeTail();
                socat.stop();
                throw new VirtualBoardException("socat did not create the pty " + link + "." + tail);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }

    /** Removes the pty: whoever has it open sees the port vanish. */
    synchronized void down() {
        if (socat == null) {
            return;
        }
        socat.stop();
        socat = null;
        try {
            // socat removes its link on a clean exit; a killed one leaves it dangling.
            Files.deleteIfExists(link);
        } catch (IOException e) {
            throw new VirtualBoardException("Could not remove the stale pty link " + link + ".", e);
        }
    }
}
