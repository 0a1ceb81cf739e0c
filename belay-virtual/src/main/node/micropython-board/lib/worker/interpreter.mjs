// One MicroPython interpreter: the package's loadMicroPython(), but instantiated from the
// precompiled module on the process's shared memory, with its UART-facing imports replaced.
// A reset throws the interpreter away and makes another on the same (zeroed) memory.

import { ADDRESSES, MICROPYTHON_PACKAGE, REPL_MODE_RAW } from '../wasm-image.mjs';
import { LIBC_EINTR, toLinuxErrno } from './errno.mjs';

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const FORCED_EXIT = 0x100;

let loadMicroPython;
let hooksForNextInstance = null;

/**
 * Emscripten's glue calls WebAssembly.instantiate(bytes, imports) for every new instance. In this
 * worker it gets our patched, precompiled module instead, on the shared memory, with wrapped imports.
 */
function installInstantiateHook(module, memory) {
    WebAssembly.instantiate = async (_bytes, imports) => {
        const hooks = hooksForNextInstance;
        const wrapped = wrapImports(imports.env, memory, hooks);
        const instance = new WebAssembly.Instance(module, { env: wrapped, wasi_snapshot_preview1: wrapped });
        hooks.instance = instance;
        return { instance, module };
    };
}

function wrapImports(original, memory, hooks) {
    const imports = { ...original, memory };
    for (const [name, fn] of Object.entries(original)) {
        if (name.startsWith('__syscall_')) {
            // Syscalls return -errno.
            imports[name] = (...args) => {
                const result = fn(...args);
                return result < 0 && result > -4096 ? -toLinuxErrno(-result) : result;
            };
        } else if (name.startsWith('fd_')) {
            // WASI calls return errno.
            imports[name] = (...args) => toLinuxErrno(fn(...args));
        }
    }
    const writeToFile = imports.fd_write;
    imports.fd_write = (fd, iov, iovcnt, pnum) => (fd === STDOUT || fd === STDERR
        ? writeToUart(memory, hooks.uart, iov, iovcnt, pnum)
        : writeToFile(fd, iov, iovcnt, pnum));
    const readFromFile = imports.fd_read;
    imports.fd_read = (fd, iov, iovcnt, pnum) => (fd === STDIN
        ? readFromUart(memory, hooks.uart, iov, iovcnt, pnum)
        : readFromFile(fd, iov, iovcnt, pnum));
    return imports;
}

function writeToUart(memory, uart, iov, iovcnt, pnum) {
    const u32 = new Uint32Array(memory.buffer);
    const u8 = new Uint8Array(memory.buffer);
    let total = 0;
    for (let i = 0; i < iovcnt; i++) {
        const ptr = u32[(iov >> 2) + 2 * i];
        const len = u32[(iov >> 2) + 2 * i + 1];
        uart.write(u8.subarray(ptr, ptr + len));
        total += len;
    }
    u32[pnum >> 2] = total;
    return 0;
}

/**
 * sys.stdin reads the UART, blocking like a board. On Ctrl-C it fails with EINTR, so that the
 * interpreter's retry loop raises the pending KeyboardInterrupt right there.
 */
function readFromUart(memory, uart, iov, iovcnt, pnum) {
    const u32 = new Uint32Array(memory.buffer);
    const ptr = u32[iov >> 2];
    const len = u32[(iov >> 2) + 1];
    if (iovcnt === 0 || len === 0) {
        u32[pnum >> 2] = 0;
        return 0;
    }
    const bytes = uart.readSomeOrInterrupt(len);
    if (bytes === null) {
        return LIBC_EINTR;
    }
    new Uint8Array(memory.buffer).set(bytes, ptr);
    u32[pnum >> 2] = bytes.length;
    return 0;
}

export class Interpreter {
    /**
     * A fresh interpreter on the zeroed shared memory. jsModule becomes the Python module
     * `_board`. Output goes to uart from the first byte (the caller mutes what must not show).
     */
    static async create({ module, memory, heapBytes, uart, jsModule }) {
        if (!loadMicroPython) {
            installInstantiateHook(module, memory);
            ({ loadMicroPython } = await import(MICROPYTHON_PACKAGE));
        }
        new Uint8Array(memory.buffer).fill(0);
        const hooks = { uart, instance: null };
        hooksForNextInstance = hooks;
        const mp = await loadMicroPython({
            heapsize: heapBytes,
            linebuffer: false,
            stdout: () => {},
            stderr: () => {},
        });
        hooksForNextInstance = null;
        mp.registerJsModule('_board', jsModule);
        return new Interpreter(mp, hooks.instance, memory);
    }

    constructor(mp, instance, memory) {
        this.mp = mp;
        this.FS = mp.FS;
        this.exports = instance.exports;
        this.memory = memory;
    }

    /** Feeds one character to the REPL; true when the REPL asks for a soft reset. */
    processChar(c) {
        return (this.exports.mp_js_repl_process_char(c) & FORCED_EXIT) !== 0;
    }

    /** Prints the banner (friendly mode) or the raw REPL prompt, as the port does on start. */
    startRepl() {
        this.exports.mp_js_repl_init();
    }

    runPython(source) {
        return this.mp.runPython(source);
    }

    get rawMode() {
        return this.int32(ADDRESSES.replMode) === REPL_MODE_RAW;
    }

    set rawMode(raw) {
        new Int32Array(this.memory.buffer)[ADDRESSES.replMode / 4] = raw ? REPL_MODE_RAW : 0;
    }

    /** The raw REPL's current line (a copy); valid in raw mode. */
    rawLine() {
        const { length, buffer } = this.rawLineVstr();
        return new Uint8Array(this.memory.buffer).slice(buffer, buffer + length);
    }

    /** Overwrites bytes of the raw REPL's current line in place. */
    patchRawLine(position, byte) {
        const { length, buffer } = this.rawLineVstr();
        if (position >= length) {
            throw new RangeError(`raw line has ${length} bytes, cannot patch ${position}`);
        }
        new Uint8Array(this.memory.buffer)[buffer + position] = byte;
    }

    // vstr_t is {size_t alloc; size_t len; char *buf; ...}
    rawLineVstr() {
        const vstr = this.int32(ADDRESSES.replLine);
        return { length: this.int32(vstr + 4), buffer: this.int32(vstr + 8) };
    }

    int32(address) {
        return new Int32Array(this.memory.buffer)[address / 4];
    }

    setInterruptible(on) {
        new Int32Array(this.memory.buffer)[ADDRESSES.interruptChar / 4] = on ? 3 : -1;
    }
}
