package dev.belay.virtual;

import java.util.concurrent.CountDownLatch;

/**
 * Starts a software board from the command line, prints its port and keeps it up until stopped
 * (Ctrl-C), so that a person can try code on it with any serial terminal:
 *
 * <pre>
 * ./mvnw -q -pl belay-virtual exec:java -Dexec.args=micropython
 * picocom /dev/pts/7     # or: mpremote connect /tmp/belay-micropython-.../tty
 * </pre>
 */
public final class VirtualBoardMain {

    private VirtualBoardMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("Usage: VirtualBoardMain micropython|microbit");
            System.exit(2);
        }
        BoardKind kind;
        try {
            kind = BoardKind.fromId(args[0]);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        VirtualBoard board = VirtualBoards.start(kind);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            board.close();
            stopped.countDown();
        }));
        System.out.println("virtual:" + kind.id() + " is up. Port: " + board.port());
        System.out.println("Connect a serial terminal to it; press Ctrl-C here to stop the board.");
        stopped.await();
    }
}
