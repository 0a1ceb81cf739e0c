package dev.belay.virtual;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A software board whose UART is a unix socket served by the board's own process, and whose
 * port is a pty joined to that socket.
 */
abstract class SocketBoard implements VirtualBoard {

    private final BoardKind kind;
    protected final Path workDir;
    protected final Path uartSocket;
    private final PtyLink link;
    private boolean closed;

    protected SocketBoard(BoardKind kind) {
        this.kind = kind;
        try {
            this.workDir = Files.createTempDirectory("belay-" + kind.id() + "-");
        } catch (IOException e) {
            throw new VirtualBoardException("Could not create a working folder for the software board.", e);
        }
        this.uartSocket = workDir.resolve("uart.sock");
        this.link = new PtyLink(workDir.resolve("tty"), uartSocket);
    }

    /** Starts the board process and then plugs in its port; on failure nothing is left running. */
    protected final void boot() {
        try {
            startBoard();
            link.up();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts the process that serves the UART socket, returning once the socket accepts clients. */
    protected abstract void startBoard();

    /** Stops the board process. */
    protected abstract void stopBoard();

    @Override
    public BoardKind kind() {
        return kind;
    }

    @Override
    public Path port() {
        return link.path();
    }

    @Override
    public void unplug() {
        link.down();
    }

    @Override
    public void replug() {
        link.up();
    }

    @Override
    public boolean isPluggedIn() {
        return link.isUp();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            link.down();
        } finally {
            stopBoard();
            deleteWorkDir();
        }
    }

    private void deleteWorkDir() {
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover folder in the temp directory harms nothing.
        }
    }

    @Override
    public String toString() {
        return "virtual:" + kind.id() + " at " + port();
    }
}
