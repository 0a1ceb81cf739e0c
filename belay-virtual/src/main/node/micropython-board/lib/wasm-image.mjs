// The MicroPython WebAssembly binary, prepared once per process so that the main thread can
// interrupt the interpreter while a worker thread runs it.
//
// A `while True: pass` never calls out of WebAssembly, so no callback can stop it. What does stop
// it is the interpreter's own Ctrl-C path: mp_sched_keyboard_interrupt() only stores two words,
// and the VM polls them on every backward jump. If the linear memory is a SharedArrayBuffer, the
// main thread can store those words itself, from outside. The published binary defines a private
// memory, so we rewrite it to import a shared one that this module creates.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const MICROPYTHON_PACKAGE = '@micropython/micropython-webassembly-pyscript';

// The addresses below belong to exactly this binary (the package 1.27.0 that package-lock.json
// pins). They were read from the code of the exported functions mp_sched_keyboard_interrupt and
// mp_hal_get_interrupt_char, and by diffing memory around Ctrl-A (raw mode) and raw-REPL input.
const BINARY_SHA256 = '06338c955b03c5700aa0069015d3e392d76836ef8e2ce25bedbe59b88ccd373c';

export const ADDRESSES = Object.freeze({
    /** int mp_interrupt_char: 3 while Python code runs, -1 otherwise. */
    interruptChar: 178872,
    /** mp_obj_t MP_STATE_MAIN_THREAD(mp_pending_exception). */
    pendingException: 185148,
    /** The preallocated KeyboardInterrupt object, MP_STATE_VM(mp_kbd_exception). */
    kbdException: 185176,
    /** Its traceback_data pointer, cleared so the object can be raised again. */
    kbdTraceback: 185184,
    /** uint16 MP_STATE_VM(sched_state): 1 idle, 0 pending; the VM checks only this. */
    schedState: 185360,
    /** vstr_t *MP_STATE_VM(repl_line): the raw REPL's input line. */
    replLine: 185340,
    /** pyexec_mode_kind: 0 friendly REPL, 1 raw REPL. */
    replMode: 186084,
});

export const SCHED_IDLE = 1;
export const SCHED_PENDING = 0;
export const REPL_MODE_FRIENDLY = 0;
export const REPL_MODE_RAW = 1;

const WASM_PAGE = 65536;

/**
 * Reads, checks, patches and compiles the binary; creates the shared memory that every
 * interpreter of this process will use in turn.
 */
export async function loadWasmImage({ memoryLimitBytes }) {
    const bytes = readFileSync(wasmPath());
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (digest !== BINARY_SHA256) {
        throw new Error(`${wasmPath()} has SHA-256 ${digest}; this bridge knows only `
            + `${BINARY_SHA256} (${MICROPYTHON_PACKAGE} 1.27.0). Reinstall with npm ci.`);
    }
    const maxPages = Math.ceil(memoryLimitBytes / WASM_PAGE);
    const { patched, minPages } = importSharedMemory(bytes, maxPages);
    if (maxPages < minPages) {
        throw new Error(`A memory limit of ${memoryLimitBytes} bytes is below the binary's own `
            + `${minPages * WASM_PAGE} bytes.`);
    }
    const module = await WebAssembly.compile(patched);
    const memory = new WebAssembly.Memory({ initial: minPages, maximum: maxPages, shared: true });
    return { module, memory };
}

function wasmPath() {
    const entry = createRequire(import.meta.url).resolve(MICROPYTHON_PACKAGE);
    return join(dirname(entry), 'micropython.wasm');
}

/**
 * Replaces the module's own memory by an imported shared one ("env"."memory") with the same
 * minimum. Memory imports do not shift function indices, so no code needs rewriting: only the
 * import section grows by one entry and the memory section goes away.
 */
export function importSharedMemory(bytes, maxPages) {
    const sections = readSections(bytes);
    const memorySection = sections.find((s) => s.id === SECTION_MEMORY);
    const importSection = sections.find((s) => s.id === SECTION_IMPORT);
    if (!memorySection || !importSection) {
        throw new Error('micropython.wasm: expected an import section and a memory section');
    }
    const memory = new Reader(bytes, memorySection.start);
    if (memory.u32() !== 1) {
        throw new Error('micropython.wasm: expected exactly one memory');
    }
    memory.byte(); // limits flags: replaced below
    const minPages = memory.u32();

    const imports = new Reader(bytes, importSection.start);
    const count = imports.u32();
    const entries = bytes.subarray(imports.pos, importSection.end);
    const memoryImport = [...name('env'), ...name('memory'), IMPORT_KIND_MEMORY,
        LIMITS_SHARED_WITH_MAX, ...leb128(minPages), ...leb128(maxPages)];
    const importBody = concat([Uint8Array.from(leb128(count + 1)), entries, Uint8Array.from(memoryImport)]);

    const parts = [bytes.subarray(0, 8)];
    for (const section of sections) {
        if (section.id === SECTION_MEMORY) {
            continue;
        }
        if (section.id === SECTION_IMPORT) {
            parts.push(Uint8Array.from([SECTION_IMPORT, ...leb128(importBody.length)]), importBody);
        } else {
            parts.push(bytes.subarray(section.headerStart, section.end));
        }
    }
    return { patched: concat(parts), minPages };
}

const SECTION_IMPORT = 2;
const SECTION_MEMORY = 5;
const IMPORT_KIND_MEMORY = 2;
const LIMITS_SHARED_WITH_MAX = 3;

function readSections(bytes) {
    const sections = [];
    const reader = new Reader(bytes, 8);
    while (reader.pos < bytes.length) {
        const headerStart = reader.pos;
        const id = reader.byte();
        const size = reader.u32();
        sections.push({ id, headerStart, start: reader.pos, end: reader.pos + size });
        reader.pos += size;
    }
    return sections;
}

class Reader {
    constructor(bytes, pos) {
        this.bytes = bytes;
        this.pos = pos;
    }

    byte() {
        return this.bytes[this.pos++];
    }

    u32() {
        let result = 0;
        let shift = 0;
        let b;
        do {
            b = this.byte();
            result += (b & 0x7f) * 2 ** shift;
            shift += 7;
        } while (b & 0x80);
        return result;
    }
}

function leb128(n) {
    const out = [];
    do {
        let b = n & 0x7f;
        n = Math.floor(n / 128);
        if (n) {
            b |= 0x80;
        }
        out.push(b);
    } while (n);
    return out;
}

function name(text) {
    const utf8 = Buffer.from(text, 'utf8');
    return [...leb128(utf8.length), ...utf8];
}

function concat(parts) {
    return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
}
