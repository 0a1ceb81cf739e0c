// The receiving half of raw-paste mode (MicroPython 1.14+), done here because this port's
// stdin hook is a constant and its own raw-paste spins forever. Same bytes as pyexec.c's
// mp_reader_stdin: "R\x01", the window as 16-bit little endian, "\x01" for each further window,
// "\x04" echoed at the end.

const CTRL_A = 0x01;
const CTRL_C = 0x03;
const CTRL_D = 0x04;

/** MICROPY_REPL_STDIN_BUFFER_MAX (256) / 2, as on most ports. */
export const WINDOW = 128;

export const REFUSED = Symbol('refused');
export const INTERRUPTED = Symbol('interrupted');

/**
 * Answers a raw-paste request whose command byte is `command` and receives the source. Returns
 * the source bytes, REFUSED (unknown command: the board answered "R\x00") or INTERRUPTED (Ctrl-C
 * during the upload: the board answered "\x04" and must now report a KeyboardInterrupt).
 */
export function receiveRawPaste(uart, command, onIdle) {
    if (command !== 0x41) {
        uart.write(Uint8Array.of(0x52, 0x00));
        return REFUSED;
    }
    uart.write(Uint8Array.of(0x52, 0x01, WINDOW & 0xff, WINDOW >> 8, CTRL_A));
    const source = new GrowingBytes();
    let windowLeft = WINDOW;
    for (;;) {
        const c = uart.nextByte(onIdle);
        if (c === CTRL_C || c === CTRL_D) {
            uart.write(Uint8Array.of(CTRL_D));
            return c === CTRL_C ? INTERRUPTED : source.bytes();
        }
        source.push(c);
        if (--windowLeft === 0) {
            uart.write(Uint8Array.of(CTRL_A));
            windowLeft = WINDOW;
        }
    }
}

class GrowingBytes {
    constructor() {
        this.buffer = new Uint8Array(1024);
        this.length = 0;
    }

    push(b) {
        if (this.length === this.buffer.length) {
            const bigger = new Uint8Array(this.buffer.length * 2);
            bigger.set(this.buffer);
            this.buffer = bigger;
        }
        this.buffer[this.length++] = b;
    }

    bytes() {
        return this.buffer.subarray(0, this.length);
    }
}
