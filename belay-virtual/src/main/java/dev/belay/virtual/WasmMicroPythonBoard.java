package dev.belay.virtual;

import java.time.Duration;
import java.util.List;

/**
 * MicroPython 1.27 (the npm package {@code @micropython/micropython-webassembly-pyscript}) run by
 * Node behind this project's bridge, which makes it behave like a board: raw-paste with flow
 * control, Ctrl-C, soft reset with files kept, {@code \r\n} line ends and Linux errno numbers.
 * Files live as long as the Node process: across resets and unplugs, not across {@link #close()}.
 */
final class WasmMicroPythonBoard extends SocketBoard {

    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(20);
    private ChildProcess node;

    WasmMicroPythonBoard() {
        super(BoardKind.MICROPYTHON);
        boot();
    }

    @Override
    protected void startBoard() {
        String binary = System.getProperty("belay.node", "node");
        node = ChildProcess.start("micropython-board", List.of(binary,
                BridgeFiles.folder().resolve("board.mjs").toString(), "--uart", uartSocket.toString()),
                "Install Node.js 20 or later (Debian: sudo apt-get install nodejs) or name its binary with "
                        + "-Dbelay.node=PATH.");
        node.awaitLine(line -> line.startsWith("READY"), BOOT_TIMEOUT, "READY");
    }

    /** Returns once the fresh interpreter is up (the bridge answers {@code RESET}). */
    @Override
    public void hardReset() {
        node.send("reset");
        node.awaitLine(line -> line.equals("RESET"), BOOT_TIMEOUT, "RESET after a reset");
    }

    @Override
    protected void stopBoard() {
        if (node != null) {
            node.stop();
        }
    }
}
