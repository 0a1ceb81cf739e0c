// The main thread's side of the board: owns the UART rings, the worker that runs the
// interpreter, Ctrl-C, and the copy of the files that survives the worker.

import { setImmediate as nextTurn } from 'node:timers/promises';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { BOOT, RESET_CAUSE } from './boot.mjs';
import { createChannelBuffer, openChannel, SLOT } from './channel.mjs';
import { FileMirror } from './file-mirror.mjs';
import { ADDRESSES, REPL_MODE_RAW, SCHED_IDLE, SCHED_PENDING } from './wasm-image.mjs';

/**
 * How long a Ctrl-C may stay unanswered before the interpreter is taken to be stuck outside the
 * VM loop (a long C call) and is replaced. The VM itself answers within microseconds.
 */
const INTERRUPT_GRACE_MS = 250;

export class BoardHost {
    /**
     * image: {module, memory} from loadWasmImage. onOutput(bytes) receives everything the board
     * sends on its UART. onReset() (optional): the board resets (soft or hard), in order with
     * onOutput: bytes handed over before were printed before the reset ("MPY: soft reboot\r\n"
     * included), bytes handed over after it were printed after. uniqueId: 8 bytes for
     * machine.unique_id(). onFatal(error): the interpreter's worker died on its own; the board
     * cannot go on.
     */
    constructor({ image, heapBytes, uniqueId, onOutput, onReset = () => {}, onFatal, log }) {
        this.image = image;
        this.heapBytes = heapBytes;
        this.uniqueId = uniqueId;
        this.onOutput = onOutput;
        this.onReset = onReset;
        this.onFatal = onFatal;
        this.log = log;
        this.lifecycle = Promise.resolve(); // worker replacements, one after the other
        this.channelBuffer = createChannelBuffer();
        this.channel = openChannel(this.channelBuffer);
        this.control = this.channel.control;
        this.memory32 = new Int32Array(image.memory.buffer, 0, ADDRESSES.replMode / 4 + 1);
        this.memory16 = new Int16Array(image.memory.buffer, 0, ADDRESSES.schedState / 2 + 1);
        this.mirror = new FileMirror();
        this.pendingInput = [];
        this.worker = null;
        this.stopped = false;
        this.watchdog = null;
    }

    /** Powers the board on; resolves once it is ready for input. */
    async start() {
        this.pumpOutput();
        await this.spawn(BOOT.POWER_ON, { resetCause: RESET_CAUSE.POWER_ON });
        // The boot banner goes out now, before READY, to nobody: a client that connects after
        // READY must not find it waiting.
        this.deliverOutput();
    }

    /** A hard reset: a fresh interpreter with the files kept, whatever the old one was doing. */
    hardReset() {
        return this.replaceWorker(BOOT.POWER_ON, { resetCause: RESET_CAUSE.HARD });
    }

    async stop() {
        this.stopped = true;
        clearTimeout(this.watchdog);
        Atomics.add(this.control, SLOT.OUTPUT_BELL, 1);
        Atomics.notify(this.control, SLOT.OUTPUT_BELL); // ends pumpOutput's wait
        await this.worker?.terminate();
    }

    // ---- input -------------------------------------------------------------------------------

    /**
     * Bytes from the UART client. While code runs, the interrupt character (Ctrl-C, unless the
     * code changed it with micropython.kbd_intr) interrupts it instead of being input, as a board's
     * UART IRQ does; after kbd_intr(-1) every byte is input, and code that reads none is deaf.
     */
    receive(bytes) {
        let start = 0;
        for (let i = 0; i < bytes.length; i++) {
            const interruptChar = Atomics.load(this.control, SLOT.BUSY) === 1 ? this.interruptChar() : -1;
            if (bytes[i] === interruptChar) {
                this.enqueue(bytes.subarray(start, i));
                start = i + 1;
                this.interrupt();
            }
        }
        this.enqueue(bytes.subarray(start));
    }

    /** mp_interrupt_char: what micropython.kbd_intr() set, or -1 (none). */
    interruptChar() {
        return Atomics.load(this.memory32, ADDRESSES.interruptChar / 4);
    }

    /** Input is never dropped: what does not fit in the ring waits here, in order. */
    enqueue(bytes) {
        if (bytes.length === 0) {
            return;
        }
        if (this.pendingInput.length > 0) {
            this.pendingInput.push(bytes);
            return;
        }
        const written = this.channel.input.put(bytes);
        this.ringBell();
        if (written < bytes.length) {
            this.pendingInput.push(bytes.subarray(written));
            this.feedPendingInput();
        }
    }

    async feedPendingInput() {
        while (this.pendingInput.length > 0 && !this.stopped) {
            Atomics.store(this.control, SLOT.INPUT_WAITER, 1);
            const read = Atomics.load(this.control, SLOT.INPUT_READ);
            if (this.channel.input.free() === 0) {
                const wait = Atomics.waitAsync(this.control, SLOT.INPUT_READ, read);
                if (wait.async) {
                    await wait.value;
                }
            }
            Atomics.store(this.control, SLOT.INPUT_WAITER, 0);
            while (this.pendingInput.length > 0) {
                const head = this.pendingInput[0];
                const written = this.channel.input.put(head);
                if (written < head.length) {
                    this.pendingInput[0] = head.subarray(written);
                    break;
                }
                this.pendingInput.shift();
            }
            this.ringBell();
        }
    }

    /** Forgets input not yet read; only while no worker runs (the ring's reader is the worker). */
    dropInput() {
        this.pendingInput.length = 0;
        Atomics.store(this.control, SLOT.INPUT_READ, Atomics.load(this.control, SLOT.INPUT_WRITE));
    }

    ringBell() {
        Atomics.add(this.control, SLOT.BELL, 1);
        Atomics.notify(this.control, SLOT.BELL);
    }

    // ---- Ctrl-C ------------------------------------------------------------------------------

    /**
     * Does from this thread what mp_sched_keyboard_interrupt() does: the VM sees the pending
     * exception at its next branch. Blocking waits in the worker (sleep, input) watch it too.
     */
    interrupt() {
        Atomics.store(this.memory32, ADDRESSES.kbdTraceback / 4, 0);
        Atomics.store(this.memory32, ADDRESSES.pendingException / 4, ADDRESSES.kbdException);
        Atomics.compareExchange(this.memory16, ADDRESSES.schedState / 2, SCHED_IDLE, SCHED_PENDING);
        this.ringBell();
        if (this.watchdog === null) {
            this.watchdog = setTimeout(() => this.checkInterruptAnswered(), INTERRUPT_GRACE_MS);
        }
    }

    checkInterruptAnswered() {
        this.watchdog = null;
        if (this.worker === null) {
            return; // being replaced already
        }
        const busy = Atomics.load(this.control, SLOT.BUSY) === 1;
        const unanswered = Atomics.load(this.memory32, ADDRESSES.pendingException / 4) !== 0;
        if (busy && unanswered && !this.stopped) {
            this.log('Ctrl-C not answered: replacing the interpreter (its globals are lost)');
            this.replaceWorker(BOOT.INTERRUPTED, { rawMode: this.rawMode(), resetCause: this.resetCause })
                .catch((e) => this.onFatal(e));
        }
    }

    rawMode() {
        return Atomics.load(this.memory32, ADDRESSES.replMode / 4) === REPL_MODE_RAW;
    }

    // ---- output ------------------------------------------------------------------------------

    async pumpOutput() {
        while (!this.stopped) {
            const seen = Atomics.load(this.control, SLOT.OUTPUT_BELL);
            if (this.deliverOutput()) {
                // A board printing without pause must not starve the socket (and its Ctrl-C).
                await nextTurn();
                continue;
            }
            const wait = Atomics.waitAsync(this.control, SLOT.OUTPUT_BELL, seen);
            if (wait.async) {
                await wait.value;
            }
        }
    }

    /**
     * Hands everything in the output ring to onOutput, with a reset the worker marked in it to
     * onReset at its place; false if there was nothing.
     */
    deliverOutput() {
        const output = this.channel.output;
        // The write position first: a reset marked after this load may lie beyond it; it is then
        // taken on the next round (the worker rang the output bell after marking it).
        const write = Atomics.load(this.control, SLOT.OUTPUT_WRITE);
        let reset = false;
        let before = null;
        if (Atomics.load(this.control, SLOT.RESET_MARKED) === 1) {
            const resetAt = Atomics.load(this.control, SLOT.RESET_AT);
            reset = output.distanceTo(resetAt) <= output.distanceTo(write);
            before = reset ? output.takeUpTo(resetAt) : null;
        }
        const after = output.takeUpTo(write);
        if (Atomics.load(this.control, SLOT.OUTPUT_WAITER) === 1) {
            Atomics.notify(this.control, SLOT.OUTPUT_READ);
        }
        if (before !== null) {
            this.onOutput(before);
        }
        if (reset) {
            Atomics.store(this.control, SLOT.RESET_MARKED, 0);
            this.onReset();
        }
        if (after !== null) {
            this.onOutput(after);
        }
        return reset || before !== null || after !== null;
    }

    // ---- the worker --------------------------------------------------------------------------

    spawn(boot, { rawMode = false, resetCause }) {
        this.resetCause = resetCause;
        const files = new MessageChannel();
        this.filesPort = files.port1;
        this.filesPort.on('message', (changes) => this.mirror.apply(changes));
        const worker = new Worker(new URL('./worker/board-worker.mjs', import.meta.url), {
            workerData: {
                module: this.image.module,
                memory: this.image.memory,
                channelBuffer: this.channelBuffer,
                heapBytes: this.heapBytes,
                uniqueId: this.uniqueId,
                filesPort: files.port2,
                files: this.mirror.entries(),
                boot,
                rawMode,
                resetCause,
            },
            transferList: [files.port2],
            stdout: true, // the worker's stdout must not mix with our READY line
        });
        worker.stdout.pipe(process.stderr);
        worker.on('error', (e) => this.workerFailed(worker, e));
        worker.on('exit', (code) => this.workerFailed(worker, new Error(`exited with code ${code}`)));
        this.worker = worker;
        return new Promise((resolve) => worker.once('message', resolve));
    }

    workerFailed(worker, error) {
        if (worker === this.worker && !this.stopped) {
            this.worker = null;
            this.onFatal(new Error(`The interpreter's worker failed: ${error.stack ?? error}`));
        }
    }

    replaceWorker(boot, options) {
        this.lifecycle = this.lifecycle.catch(() => {}).then(() => this.replaceWorkerNow(boot, options));
        return this.lifecycle;
    }

    async replaceWorkerNow(boot, options) {
        if (this.stopped) {
            return;
        }
        const old = this.worker;
        this.worker = null;
        clearTimeout(this.watchdog);
        this.watchdog = null;
        if (old && boot !== BOOT.INTERRUPTED) {
            // A reset may come the moment a command's reply went out, before the worker, about to
            // wait for input, has posted that command's file changes: give it a moment to do so.
            await settle(this.control);
        }
        this.takeFileChanges();
        this.filesPort.close();
        await old?.terminate();
        if (boot !== BOOT.INTERRUPTED) {
            // A reset loses what the UART had received and the old interpreter had not read.
            this.dropInput();
            // What the old interpreter printed went out before the reset; the new one's comes after.
            this.deliverOutput();
            this.onReset();
        }
        Atomics.store(this.control, SLOT.BUSY, 0);
        Atomics.store(this.control, SLOT.OUTPUT_WAITER, 0);
        Atomics.store(this.memory32, ADDRESSES.pendingException / 4, 0);
        await this.spawn(boot, options);
    }

    /** Applies file changes the old worker posted but we have not received yet. */
    takeFileChanges() {
        for (let m = receiveMessageOnPort(this.filesPort); m; m = receiveMessageOnPort(this.filesPort)) {
            this.mirror.apply(m.message);
        }
    }
}

/** Waits until the worker is not running code (at most 100 ms), then 10 ms for its last post. */
async function settle(control) {
    for (let waited = 0; Atomics.load(control, SLOT.BUSY) === 1 && waited < 100; waited += 5) {
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
}
