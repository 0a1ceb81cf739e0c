// The worker's end of the UART: blocking reads from the input ring, writes into the output ring,
// and the view of the interpreter's Ctrl-C words that blocking waits must watch.

import { SLOT } from '../channel.mjs';
import { ADDRESSES } from '../wasm-image.mjs';

const CR = 0x0d;
const LF = 0x0a;
const CTRL_C = 0x03;
const CR_ONLY = Uint8Array.of(CR);

export class WorkerUart {
    constructor(channel, memory) {
        this.control = channel.control;
        this.input = channel.input;
        this.output = channel.output;
        this.memory32 = new Int32Array(memory.buffer, 0, ADDRESSES.schedState / 4 + 1);
        this.previousByte = 0;
        this.muted = false;
        this.expected = null;
    }

    // ---- output ----------------------------------------------------------------------------

    /**
     * Board output as the interpreter produces it. print() emits a bare "\n" in this port while
     * real boards send "\r\n" for every "\n"; prompts and tracebacks already carry "\r\n", so only
     * a "\n" that does not follow a "\r" gets one.
     */
    write(bytes) {
        if (this.muted) {
            return;
        }
        bytes = this.withoutExpected(bytes);
        let start = 0;
        for (let i = 0; i < bytes.length; i++) {
            if (bytes[i] === LF && (i === 0 ? this.previousByte : bytes[i - 1]) !== CR) {
                this.push(bytes.subarray(start, i));
                this.push(CR_ONLY);
                start = i;
            }
        }
        this.push(bytes.subarray(start));
        if (bytes.length > 0) {
            this.previousByte = bytes[bytes.length - 1];
        }
        this.ringOutputBell();
    }

    writeText(text) {
        this.write(Buffer.from(text, 'latin1'));
    }

    /** Drops the next output if it starts with these bytes (a prompt the board must not show). */
    expectAndDrop(text) {
        this.expected = Buffer.from(text, 'latin1');
    }

    /** While muted, output is dropped (and a pending expectAndDrop forgotten). */
    mute(muted) {
        this.muted = muted;
        this.expected = null;
    }

    withoutExpected(bytes) {
        const expected = this.expected;
        if (expected === null || bytes.length === 0) {
            return bytes;
        }
        let n = 0;
        while (n < expected.length && n < bytes.length && expected[n] === bytes[n]) {
            n++;
        }
        if (n === 0) {
            this.expected = null;
            return bytes;
        }
        this.expected = n === expected.length ? null : expected.subarray(n);
        return bytes.subarray(n);
    }

    push(bytes) {
        let from = 0;
        while (from < bytes.length) {
            from += this.output.put(bytes, from);
            if (from < bytes.length) {
                this.waitForOutputRoom();
            }
        }
    }

    waitForOutputRoom() {
        Atomics.store(this.control, SLOT.OUTPUT_WAITER, 1);
        this.ringOutputBell();
        const read = Atomics.load(this.control, SLOT.OUTPUT_READ);
        if (this.output.free() === 0) {
            Atomics.wait(this.control, SLOT.OUTPUT_READ, read);
        }
        Atomics.store(this.control, SLOT.OUTPUT_WAITER, 0);
    }

    /**
     * The board resets here: what was written so far was printed before the reset (a WebREPL
     * session gets it, then is dropped), what follows after. Marks the output position, so the
     * main thread splits the output exactly there however late it looks. A reset marked while an
     * earlier one still waits is not marked again: the session ends at the first one anyway.
     */
    markReset() {
        if (Atomics.load(this.control, SLOT.RESET_MARKED) === 0) {
            Atomics.store(this.control, SLOT.RESET_AT, Atomics.load(this.control, SLOT.OUTPUT_WRITE));
            Atomics.store(this.control, SLOT.RESET_MARKED, 1);
        }
        this.ringOutputBell();
    }

    /** Wakes the main thread's output pump; the bump makes sure a wake-up is never lost. */
    ringOutputBell() {
        Atomics.add(this.control, SLOT.OUTPUT_BELL, 1);
        Atomics.notify(this.control, SLOT.OUTPUT_BELL);
    }

    // ---- input -----------------------------------------------------------------------------

    hasInput() {
        return this.input.hasData();
    }

    /** The next input byte, waiting as long as it takes; onIdle runs once before sleeping. */
    nextByte(onIdle) {
        for (;;) {
            const b = this.takeByte();
            if (b >= 0) {
                return b;
            }
            const bell = Atomics.load(this.control, SLOT.BELL);
            if (this.hasInput()) {
                continue;
            }
            if (onIdle) {
                onIdle();
                onIdle = null;
                continue;
            }
            Atomics.wait(this.control, SLOT.BELL, bell);
        }
    }

    /** Like nextByte, but returns -1 as soon as a Ctrl-C is pending for the running code. */
    nextByteOrInterrupt() {
        for (;;) {
            if (this.interruptPending()) {
                return -1;
            }
            const b = this.takeByte();
            if (b >= 0) {
                return b;
            }
            const bell = Atomics.load(this.control, SLOT.BELL);
            if (!this.hasInput() && !this.interruptPending()) {
                Atomics.wait(this.control, SLOT.BELL, bell);
            }
        }
    }

    /** Up to max bytes that are already there, at least one (waits); null on Ctrl-C. */
    readSomeOrInterrupt(max) {
        const first = this.nextByteOrInterrupt();
        if (first < 0) {
            return null;
        }
        const bytes = [first];
        while (bytes.length < max) {
            const b = this.takeByte();
            if (b < 0) {
                break;
            }
            bytes.push(b);
        }
        return bytes;
    }

    takeByte() {
        const b = this.input.takeByte();
        // The main thread waits for room only when the ring is full; wake it once half is free.
        if (b >= 0 && Atomics.load(this.control, SLOT.INPUT_WAITER) === 1
                && this.input.free() >= this.input.data.length / 2) {
            Atomics.store(this.control, SLOT.INPUT_WAITER, 0);
            Atomics.notify(this.control, SLOT.INPUT_READ);
        }
        return b;
    }

    /** Sleeps up to ms milliseconds; returns true if a Ctrl-C cut it short. Burns no CPU. */
    sleepOrInterrupt(ms) {
        const deadline = performance.now() + Math.max(0, ms);
        for (;;) {
            if (this.interruptPending()) {
                return true;
            }
            const left = deadline - performance.now();
            if (left <= 0) {
                return false;
            }
            Atomics.wait(this.control, SLOT.BELL, Atomics.load(this.control, SLOT.BELL), left);
        }
    }

    // ---- Ctrl-C ----------------------------------------------------------------------------

    interruptPending() {
        return Atomics.load(this.memory32, ADDRESSES.pendingException / 4) !== 0;
    }

    /** Takes back a Ctrl-C that the main thread scheduled, when we report it another way. */
    clearInterrupt() {
        Atomics.store(this.memory32, ADDRESSES.pendingException / 4, 0);
    }

    /**
     * Marks the start of Python execution: from now on a Ctrl-C interrupts instead of typing. The
     * interpreter sets its interrupt character to Ctrl-C only once the code is compiled; setting it
     * here already keeps the compile interruptible too, as it always was on this bridge.
     */
    beginExecution() {
        this.clearInterrupt();
        Atomics.store(this.memory32, ADDRESSES.interruptChar / 4, CTRL_C);
        Atomics.store(this.control, SLOT.BUSY, 1);
    }

    endExecution() {
        Atomics.store(this.control, SLOT.BUSY, 0);
        // A Ctrl-C that came after the code's last check would hit the next command instead.
        this.clearInterrupt();
    }
}
