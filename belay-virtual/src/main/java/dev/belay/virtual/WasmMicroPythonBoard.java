package dev.belay.virtual;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MicroPython 1.27 (the npm package {@code @micropython/micropython-webassembly-pyscript}) run by
 * Node behind this project's bridge, which makes it behave like a board: raw-paste with flow
 * control, Ctrl-C, soft reset with files kept, {@code \r\n} line ends and Linux errno numbers.
 * Files live as long as the Node process: across resets and unplugs, not across {@link #close()}.
 *
 * <p>Given a password, the board also serves WebREPL on a free loopback port, as a board on WiFi
 * does after {@code webrepl.start()}: password prompt, text frames, the session ended by every
 * reset. Unplugging it then takes its network away too.
 */
final class WasmMicroPythonBoard extends SocketBoard {

    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);
    private final String webReplPassword;
    private ChildProcess node;
    private String webReplAddress;

    WasmMicroPythonBoard(String webReplPassword) {
        super(BoardKind.MICROPYTHON);
        this.webReplPassword = webReplPassword;
        boot();
    }

    @Override
    protected void startBoard() {
        String binary = System.getProperty("belay.node", "node");
        List<String> command = new ArrayList<>(List.of(binary,
                BridgeFiles.folder().resolve("board.mjs").toString(), "--uart", uartSocket.toString()));
        if (webReplPassword != null) {
            command.addAll(List.of("--webrepl", "0", "--webrepl-password", webReplPassword));
        }
        node = ChildProcess.start("micropython-board", command,
                "Install Node.js 18 or later (Debian: sudo apt-get install nodejs) or name its binary with "
                        + "-Dbelay.node=PATH.");
        if (webReplPassword != null) {
            String line = node.awaitLine(l -> l.startsWith("WEBREPL "), BOOT_TIMEOUT, "its WebREPL port");
            webReplAddress = "ws://127.0.0.1:" + line.substring("WEBREPL ".length()).strip();
        }
        node.awaitLine(line -> line.startsWith("READY"), BOOT_TIMEOUT, "READY");
    }

    @Override
    public Optional<String> webRepl() {
        return Optional.ofNullable(webReplAddress);
    }

    /** Returns once the fresh interpreter is up (the bridge answers {@code RESET}). */
    @Override
    public void hardReset() {
        node.send("reset");
        node.awaitLine(line -> line.equals("RESET"), BOOT_TIMEOUT, "RESET after a reset");
    }

    /** SIGUSR2 is the bridge's reset button (see its README). */
    @Override
    public String resetCommand() {
        return "kill -USR2 " + node.pid();
    }

    /** Takes the serial port away and, for a WebREPL board, its network: the server stops listening. */
    @Override
    public void unplug() {
        super.unplug();
        if (webReplAddress != null) {
            node.send("webrepl off");
            node.awaitLine(line -> line.equals("WEBREPL OFF"), COMMAND_TIMEOUT, "WEBREPL OFF");
        }
    }

    @Override
    public void replug() {
        if (webReplAddress != null) {
            node.send("webrepl on");
            node.awaitLine(line -> line.equals("WEBREPL ON"), COMMAND_TIMEOUT, "WEBREPL ON");
        }
        super.replug();
    }

    @Override
    protected void stopBoard() {
        if (node != null) {
            node.stop();
        }
    }
}
