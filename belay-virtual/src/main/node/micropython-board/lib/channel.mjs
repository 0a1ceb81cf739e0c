// The UART between the main thread (socket side) and the worker (interpreter side): one
// SharedArrayBuffer with a few control words and two byte rings. Bytes cross without a message
// per character; a thread that has nothing to do sleeps in Atomics.wait / Atomics.waitAsync and is
// woken by Atomics.notify, so nothing polls.

/** Indices of the control words (Int32). */
export const SLOT = Object.freeze({
    /** Bumped by the main thread whenever the worker should look again (input, Ctrl-C). */
    BELL: 0,
    INPUT_WRITE: 1,
    INPUT_READ: 2,
    OUTPUT_WRITE: 3,
    OUTPUT_READ: 4,
    /** 1 while the worker executes Python code: a Ctrl-C then interrupts instead of being input. */
    BUSY: 5,
    /** 1 while the main thread waits for room in the input ring. */
    INPUT_WAITER: 6,
    /** 1 while the worker waits for room in the output ring. */
    OUTPUT_WAITER: 7,
    /** Bumped by the worker whenever the main thread should look at the output side (bytes, a reset). */
    OUTPUT_BELL: 8,
    /**
     * 1 while a reset marked by the worker waits for the main thread; RESET_AT is then the output
     * position of the reset: bytes before it were printed before the reset, bytes from it after.
     */
    RESET_MARKED: 9,
    RESET_AT: 10,
});

const CONTROL_BYTES = 64;
const RING_BYTES = 64 * 1024;

export function createChannelBuffer() {
    return new SharedArrayBuffer(CONTROL_BYTES + 2 * RING_BYTES);
}

/** Views of a channel buffer; both threads call this on the same SharedArrayBuffer. */
export function openChannel(sab) {
    const control = new Int32Array(sab, 0, CONTROL_BYTES / 4);
    return {
        control,
        input: new ByteRing(control, SLOT.INPUT_WRITE, SLOT.INPUT_READ,
            new Uint8Array(sab, CONTROL_BYTES, RING_BYTES)),
        output: new ByteRing(control, SLOT.OUTPUT_WRITE, SLOT.OUTPUT_READ,
            new Uint8Array(sab, CONTROL_BYTES + RING_BYTES, RING_BYTES)),
    };
}

/**
 * A single-producer single-consumer ring. The two positions only grow (modulo 2^32) and each is
 * written by one side only, so used = write - read needs no lock.
 */
export class ByteRing {
    constructor(control, writeSlot, readSlot, data) {
        this.control = control;
        this.writeSlot = writeSlot;
        this.readSlot = readSlot;
        this.data = data;
        this.mask = data.length - 1;
        // The consumer's last look at the producer's position: nothing beyond its own yet.
        this.writeSeen = Atomics.load(control, readSlot);
    }

    used() {
        return (Atomics.load(this.control, this.writeSlot) - Atomics.load(this.control, this.readSlot)) >>> 0;
    }

    free() {
        return this.data.length - this.used();
    }

    /** Producer: copies as much of bytes[from..] as fits; returns how many bytes were copied. */
    put(bytes, from = 0) {
        const count = Math.min(this.free(), bytes.length - from);
        let write = Atomics.load(this.control, this.writeSlot);
        for (let done = 0; done < count;) {
            const at = write & this.mask;
            const run = Math.min(count - done, this.data.length - at);
            this.data.set(bytes.subarray(from + done, from + done + run), at);
            done += run;
            write = (write + run) | 0;
        }
        Atomics.store(this.control, this.writeSlot, write);
        return count;
    }

    /** Consumer: the next byte, consumed, or -1 when the ring is empty. */
    takeByte() {
        const read = Atomics.load(this.control, this.readSlot);
        if (read === this.writeSeen) {
            // Only look at the producer's position when what we saw of it is used up.
            this.writeSeen = Atomics.load(this.control, this.writeSlot);
            if (read === this.writeSeen) {
                return -1;
            }
        }
        // Read the byte before giving its slot back: once the read position moves, the producer
        // may overwrite that slot with the byte a lap (64 KiB) later.
        const b = this.data[read & this.mask];
        Atomics.store(this.control, this.readSlot, (read + 1) | 0);
        return b;
    }

    /** Consumer: whether a byte is waiting. */
    hasData() {
        return Atomics.load(this.control, this.readSlot) !== Atomics.load(this.control, this.writeSlot);
    }

    /** Consumer: removes and returns everything buffered, or null when empty. */
    takeAll() {
        return this.takeUpTo(Atomics.load(this.control, this.writeSlot));
    }

    /** Consumer: how many bytes lie between the read position and a position the producer reached. */
    distanceTo(position) {
        return (position - Atomics.load(this.control, this.readSlot)) >>> 0;
    }

    /**
     * Consumer: removes and returns the bytes before stream position `end` (one the producer has
     * reached, from the write slot), or null when there are none.
     */
    takeUpTo(end) {
        const read = Atomics.load(this.control, this.readSlot);
        const count = (end - read) >>> 0;
        if (count === 0) {
            return null;
        }
        // takeByte trusts writeSeen as far as it goes: it must not lag behind the read position.
        this.writeSeen = end;
        const out = Buffer.allocUnsafe(count);
        for (let done = 0; done < count;) {
            const at = (read + done) & this.mask;
            const run = Math.min(count - done, this.data.length - at);
            out.set(this.data.subarray(at, at + run), done);
            done += run;
        }
        Atomics.store(this.control, this.readSlot, (read + count) | 0);
        return out;
    }
}
