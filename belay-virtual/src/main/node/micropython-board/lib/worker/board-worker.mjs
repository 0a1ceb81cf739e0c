// The board itself, in a worker thread: feeds UART input to the interpreter's REPL, which blocks
// while Python runs (so the main thread stays free to take a Ctrl-C), and turns the REPL's
// requests into board behaviour: soft reset, hard reset, raw-paste.

import { parentPort, workerData } from 'node:worker_threads';
import { openChannel } from '../channel.mjs';
import { ChangeTracker, listFiles, makeBoardFileSystem, writeFiles } from './board-files.mjs';
import { BOOT, RESET_CAUSE } from '../boot.mjs';
import { machineModuleSource, SETUP_SOURCE } from './board-modules.mjs';
import { Interpreter } from './interpreter.mjs';
import { readLine } from './line-input.mjs';
import { INTERRUPTED, receiveRawPaste, REFUSED } from './raw-paste.mjs';
import { WorkerUart } from './uart.mjs';

const CTRL_A = 0x01;
const CTRL_C = 0x03;
const CTRL_D = 0x04;
const CTRL_E = 0x05;
const CR = 0x0d;
const SPACE = 0x20;

const SETUP_FOLDER = '/.board-setup';

const SOFT_RESET = 'soft reset';
const HARD_RESET = 'hard reset';

class HardResetRequest extends Error {
    constructor() {
        super('machine.reset()');
    }
}

class Board {
    constructor({ module, memory, channelBuffer, heapBytes, filesPort, uniqueId }) {
        this.module = module;
        this.memory = memory;
        this.heapBytes = heapBytes;
        this.filesPort = filesPort;
        this.uniqueId = uniqueId;
        this.uart = new WorkerUart(openChannel(channelBuffer), memory);
        this.changes = new ChangeTracker();
        this.syncFiles = () => this.postFileChanges();
        this.jsModule = {
            sleep_ms: (ms) => this.sleep(Number(ms)),
            readline: (prompt) => readLine(this.uart, String(prompt)),
            hard_reset: () => {
                throw new HardResetRequest();
            },
        };
    }

    /** Brings up a fresh interpreter with these files; a machine.reset() in boot.py starts over. */
    async boot(kind, files, options) {
        for (;;) {
            try {
                await this.bootOnce(kind, files, options);
                return;
            } catch (e) {
                if (!(e instanceof HardResetRequest)) {
                    throw e;
                }
                this.uart.markReset();
                files = listFiles(this.interpreter.FS);
                kind = BOOT.POWER_ON;
                options = { resetCause: RESET_CAUSE.HARD };
            }
        }
    }

    async bootOnce(kind, files, { rawMode = false, resetCause = RESET_CAUSE.POWER_ON } = {}) {
        this.resetCause = resetCause;
        this.uart.mute(true);
        this.interpreter = await Interpreter.create({
            module: this.module, memory: this.memory, heapBytes: this.heapBytes,
            uart: this.uart, jsModule: this.jsModule,
        });
        const { FS } = this.interpreter;
        makeBoardFileSystem(FS);
        writeFiles(FS, files);
        this.installBoardModules();
        this.changes.watch(FS);
        this.uart.mute(false);
        this.interpreter.rawMode = rawMode;
        if (kind === BOOT.INTERRUPTED) {
            this.uart.mute(true);
            this.interpreter.startRepl();
            this.uart.mute(false);
            this.uart.writeText(rawMode ? '\x04KeyboardInterrupt: \r\n\x04>' : 'KeyboardInterrupt: \r\n>>> ');
            return;
        }
        this.runBootScripts(rawMode);
        if (!rawMode) {
            // The event-driven REPL starts with "\r\n"; a board's banner after reset does not.
            this.uart.expectAndDrop('\r\n');
        }
        this.interpreter.startRepl();
    }

    installBoardModules() {
        const { FS } = this.interpreter;
        FS.mkdir(SETUP_FOLDER);
        FS.writeFile(`${SETUP_FOLDER}/machine.py`,
            machineModuleSource({ uniqueId: this.uniqueId, resetCause: this.resetCause }));
        // Imported from a file so that machine is a real module; the file is gone afterwards.
        const setup = `import sys\nsys.path.insert(0, '${SETUP_FOLDER}')\nimport machine\nsys.path.pop(0)\n`
            + 'del machine.__file__\n' + SETUP_SOURCE;
        try {
            this.interpreter.runPython(`exec(compile(${JSON.stringify(setup)}, '<board>', 'exec'), {})`);
        } finally {
            FS.unlink(`${SETUP_FOLDER}/machine.py`);
            FS.rmdir(SETUP_FOLDER);
        }
    }

    /** boot.py, then main.py in the friendly REPL, as ports' main.c do after every reset. */
    runBootScripts(rawMode) {
        if (this.runScriptIfPresent('boot.py') && !rawMode) {
            this.runScriptIfPresent('main.py');
        }
    }

    runScriptIfPresent(name) {
        let source;
        try {
            source = this.interpreter.FS.readFile(`/${name}`, { encoding: 'utf8' });
        } catch {
            return true;
        }
        this.uart.beginExecution();
        this.interpreter.setInterruptible(true);
        try {
            this.interpreter.runPython(source);
            return true;
        } catch (e) {
            if (e?.constructor?.name !== 'PythonError') {
                throw e;
            }
            if (e.type === 'SystemExit') {
                return true;
            }
            this.uart.write(Buffer.from(e.message.replaceAll('File "<stdin>"', `File "${name}"`), 'utf8'));
            return false;
        } finally {
            this.interpreter.setInterruptible(false);
            this.uart.endExecution();
        }
    }

    async serve() {
        for (;;) {
            const c = this.uart.nextByte(this.syncFiles);
            let reset;
            try {
                const request = c === CTRL_A ? this.rawPasteRequest() : -1;
                reset = request >= 0 ? this.rawPaste(request) : this.execute(c);
            } catch (e) {
                if (e instanceof WebAssembly.RuntimeError) {
                    // The interpreter crashed (Emscripten abort): a board would reboot.
                    console.error('micropython-board: interpreter crashed, hard reset:', e);
                } else if (!(e instanceof HardResetRequest)) {
                    throw e;
                }
                reset = HARD_RESET;
            }
            if (reset === SOFT_RESET) {
                await this.softReset();
            } else if (reset === HARD_RESET) {
                await this.hardReset();
            }
        }
    }

    /**
     * Feeds one REPL character (synchronously: this runs for every byte). Enter and Ctrl-D may run
     * code, so a Ctrl-C interrupts then. Returns SOFT_RESET when the REPL asks for one.
     */
    execute(c) {
        const mayRunCode = c === CTRL_D || c === CR;
        if (mayRunCode) {
            // Code that follows at once (input already waiting) gives no idle moment to post the
            // last command's file changes in; the code may never end and the worker be replaced.
            this.postFileChanges();
            this.uart.beginExecution();
        }
        try {
            return this.interpreter.processChar(c) ? SOFT_RESET : null;
        } finally {
            if (mayRunCode) {
                this.uart.endExecution();
            }
        }
    }

    /** The command byte of a raw-paste request ("\x05A" on the raw line, now Ctrl-A), or -1. */
    rawPasteRequest() {
        if (!this.interpreter.rawMode) {
            return -1;
        }
        const line = this.interpreter.rawLine();
        return line.length === 2 && line[0] === CTRL_E ? line[1] : -1;
    }

    /** Raw-paste mode: receives the source, then runs it as the raw REPL would. */
    rawPaste(command) {
        this.interpreter.processChar(CTRL_C); // empties the raw line without output
        const source = receiveRawPaste(this.uart, command, this.syncFiles);
        if (source === REFUSED) {
            this.uart.writeText('>');
            return null;
        }
        if (source === INTERRUPTED) {
            this.uart.writeText('\x04KeyboardInterrupt: \r\n\x04>');
            return null;
        }
        this.typeRawLine(source.length > 0 ? source : Uint8Array.of(0x0a));
        // The raw REPL then says "OK"; raw-paste does not.
        this.uart.expectAndDrop('OK');
        return this.execute(CTRL_D);
    }

    /**
     * Puts source on the raw REPL's line. Ctrl-A and Ctrl-B would act as commands there, so they
     * go in as spaces and are written over in the line buffer.
     */
    typeRawLine(source) {
        const controls = [];
        for (let i = 0; i < source.length; i++) {
            const b = source[i];
            if (b === CTRL_A || b === 0x02) {
                controls.push(i);
                this.interpreter.processChar(SPACE);
            } else {
                this.interpreter.processChar(b);
            }
        }
        for (const i of controls) {
            this.interpreter.patchRawLine(i, source[i]);
        }
    }

    async softReset() {
        this.uart.writeText('MPY: soft reboot\r\n');
        this.uart.markReset();
        const rawMode = this.interpreter.rawMode;
        await this.boot(BOOT.SOFT, listFiles(this.interpreter.FS), { rawMode, resetCause: this.resetCause });
    }

    async hardReset() {
        this.uart.markReset();
        await this.boot(BOOT.POWER_ON, listFiles(this.interpreter.FS), { resetCause: RESET_CAUSE.HARD });
    }

    /** time.sleep: waits without burning CPU; true (and the Ctrl-C taken) if interrupted. */
    sleep(ms) {
        const interrupted = this.uart.sleepOrInterrupt(Number.isFinite(ms) ? ms : 0);
        if (interrupted) {
            this.uart.clearInterrupt();
        }
        return interrupted;
    }

    /** Sends what Python changed in the file system to the main thread's copy. */
    postFileChanges() {
        if (!this.changes.hasChanges()) {
            return;
        }
        const changes = this.changes.takeChanges();
        const arrays = changes.flatMap((c) => [...(c.entries ?? []), ...(c.writes ?? [])]).map((e) => e.data);
        const buffers = arrays.filter((data) => data !== undefined).map((data) => data.buffer);
        this.filesPort.postMessage(changes, buffers);
    }
}

async function main() {
    // stdout belongs to the main thread's READY line.
    console.log = console.error;
    console.info = console.error;
    const { boot, files, rawMode, resetCause } = workerData;
    const board = new Board(workerData);
    await board.boot(boot, files, { rawMode, resetCause });
    parentPort.postMessage({ type: 'booted' });
    await board.serve();
}

main().catch((e) => {
    console.error('micropython-board worker:', e);
    process.exit(70);
});
