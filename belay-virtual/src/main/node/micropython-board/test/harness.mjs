// Starts bridges and talks to them over their unix socket with literal bytes. (Node's runner
// also loads this file as a test file; it has no tests of its own.)

import { after, before } from 'node:test';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as connectSocket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BOARD_SCRIPT = fileURLToPath(new URL('../board.mjs', import.meta.url));
const READY_TIMEOUT_MS = 20000;
const EXIT_TIMEOUT_MS = 5000;

/** A running `node board.mjs`; always stop() it (in a finally or an after hook). */
export class BoardProcess {
    /** prepare(socketPath) runs before the process starts (to leave a stale file there, say). */
    static async start(extraArgs = [], { prepare } = {}) {
        const folder = mkdtempSync(join(tmpdir(), 'mp-board-test-'));
        const socketPath = join(folder, 'uart.sock');
        prepare?.(socketPath);
        const child = spawn(process.execPath, [BOARD_SCRIPT, '--uart', socketPath, ...extraArgs],
            { stdio: ['pipe', 'pipe', 'pipe'] });
        const board = new BoardProcess(child, folder, socketPath);
        try {
            await board.waitForStdoutLine((line) => line.startsWith('READY '), READY_TIMEOUT_MS);
            const webrepl = /^WEBREPL (\d+)$/m.exec(board.stdout);
            board.webreplPort = webrepl ? Number(webrepl[1]) : null;
        } catch (e) {
            await board.stop();
            throw e;
        }
        return board;
    }

    constructor(child, folder, socketPath) {
        this.child = child;
        this.folder = folder;
        this.socketPath = socketPath;
        this.stdout = '';
        this.stderr = '';
        this.stdoutLinesSeen = 0; // by waitForStdoutLine
        this.webreplPort = null; // from the WEBREPL line
        this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
        child.stdout.on('data', (d) => {
            this.stdout += d;
        });
        child.stderr.on('data', (d) => {
            this.stderr += d;
        });
    }

    /**
     * The next stdout line that matches (a string: is equal), after those an earlier call took;
     * the lines before it are passed over.
     */
    waitForStdoutLine(matches, timeoutMs = 5000) {
        const test = typeof matches === 'string' ? (line) => line === matches : matches;
        return new Promise((resolve, reject) => {
            const check = () => {
                const lines = this.stdout.split('\n').slice(0, -1);
                for (let i = this.stdoutLinesSeen; i < lines.length; i++) {
                    if (test(lines[i])) {
                        this.stdoutLinesSeen = i + 1;
                        cleanup();
                        resolve(lines[i]);
                        return;
                    }
                }
            };
            const fail = (why) => {
                cleanup();
                reject(new Error(`${why}; stderr: ${this.stderr}`));
            };
            const timer = setTimeout(() => fail(`no such line on stdout within ${timeoutMs} ms: ${JSON.stringify(this.stdout)}`), timeoutMs);
            const cleanup = () => {
                clearTimeout(timer);
                this.child.stdout.off('data', check);
            };
            this.child.stdout.on('data', check);
            this.exited.then(({ code, signal }) => fail(`board exited (${code ?? signal}) before the line`));
            check();
        });
    }

    /** A control command on stdin ("reset", "quit", "webrepl on", ...). */
    command(line) {
        this.child.stdin.write(`${line}\n`);
    }

    async connect() {
        return UartClient.connect(this.socketPath);
    }

    /** A WebREPL client through the handshake, at the password prompt (not consumed). */
    async connectWebRepl() {
        return WebReplClient.connect(this.webreplPort);
    }

    /** Ends the process (quit, then SIGKILL if it hangs) and removes its folder. */
    async stop() {
        if (this.child.exitCode === null && this.child.signalCode === null) {
            this.child.stdin.end('quit\n');
            const timer = setTimeout(() => this.child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
            await this.exited;
            clearTimeout(timer);
        }
        rmSync(this.folder, { recursive: true, force: true });
        return this.exited;
    }
}

/** A client on the board's UART socket that collects everything the board sends. */
export class UartClient {
    static connect(path) {
        return new Promise((resolve, reject) => {
            const socket = connectSocket(path);
            socket.once('error', reject);
            socket.once('connect', () => {
                socket.off('error', reject);
                resolve(new UartClient(socket));
            });
        });
    }

    constructor(socket) {
        this.socket = socket;
        this.received = Buffer.alloc(0);
        this.closed = new Promise((resolve) => socket.once('close', resolve));
        this.waiters = new Set();
        socket.on('data', (d) => this.arrive(d));
        socket.on('error', () => {});
    }

    /** Bytes from the board. */
    arrive(bytes) {
        this.received = Buffer.concat([this.received, bytes]);
        for (const wake of this.waiters) {
            wake();
        }
    }

    write(data) {
        this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
    }

    /** Everything up to and including `expected`, consumed; fails after timeoutMs. */
    async readUntil(expected, timeoutMs = 5000) {
        const pattern = typeof expected === 'string' ? Buffer.from(expected, 'latin1') : expected;
        const end = await this.waitUntil(() => {
            const at = this.received.indexOf(pattern);
            return at < 0 ? null : at + pattern.length;
        }, timeoutMs, () => `expected ${JSON.stringify(pattern.toString('latin1'))}, got ${JSON.stringify(this.received.toString('latin1'))}`);
        return this.take(end);
    }

    /** Exactly n bytes, consumed. */
    async readBytes(n, timeoutMs = 5000) {
        await this.waitUntil(() => (this.received.length >= n ? n : null), timeoutMs,
            () => `expected ${n} bytes, got ${JSON.stringify(this.received.toString('latin1'))}`);
        return this.take(n);
    }

    /** What arrives within ms (consumed). */
    async readFor(ms) {
        await new Promise((r) => setTimeout(r, ms));
        return this.take(this.received.length);
    }

    take(n) {
        const head = this.received.subarray(0, n);
        this.received = this.received.subarray(n);
        return Buffer.from(head).toString('latin1');
    }

    waitUntil(check, timeoutMs, describe) {
        return new Promise((resolve, reject) => {
            const attempt = () => {
                const result = check();
                if (result !== null) {
                    done();
                    resolve(result);
                }
            };
            const timer = setTimeout(() => {
                done();
                reject(new Error(`timeout after ${timeoutMs} ms: ${describe()}`));
            }, timeoutMs);
            const done = () => {
                clearTimeout(timer);
                this.waiters.delete(attempt);
            };
            this.waiters.add(attempt);
            attempt();
        });
    }

    /** Enters the raw REPL from whatever state, with the prompt consumed. */
    async enterRawRepl() {
        this.write('\r\x03\x03\x01');
        await this.readUntil('raw REPL; CTRL-B to exit\r\n>');
        await this.readFor(20); // a second prompt may follow the Ctrl-Cs
    }

    /** Runs code in the raw REPL: [stdout, exception text]. */
    async exec(code, timeoutMs = 5000) {
        this.write(`${code}\x04`);
        await this.readUntil('OK', timeoutMs);
        const out = await this.readUntil('\x04', timeoutMs);
        const err = await this.readUntil('\x04', timeoutMs);
        await this.readUntil('>', timeoutMs);
        return [out.slice(0, -1), err.slice(0, -1)];
    }

    async close() {
        this.socket.end();
        this.socket.destroy();
        await this.closed;
    }
}

const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/**
 * A WebSocket client over TCP, as small as the board's server: the upgrade request, masked frames
 * out, frames in. The payload of the text frames it receives is what the read methods (inherited)
 * see; every frame's header is kept in `frames`.
 */
export class WebReplClient extends UartClient {
    static connect(port, { host = '127.0.0.1' } = {}) {
        return new Promise((resolve, reject) => {
            const socket = connectSocket(port, host);
            socket.setNoDelay(true);
            socket.once('error', reject);
            socket.once('connect', () => {
                socket.off('error', reject);
                const client = new WebReplClient(socket);
                client.handshake.then(() => resolve(client), reject);
            });
        });
    }

    constructor(socket) {
        super(socket);
        this.key = randomBytes(16).toString('base64');
        this.response = null; // the HTTP response head, once there
        this.pending = Buffer.alloc(0);
        this.frames = []; // {fin, opcode, masked, lengthForm, length}, as they arrived
        this.handshake = new Promise((resolve, reject) => {
            this.handshakeDone = resolve;
            this.closed.then(() => reject(new Error(`closed during the handshake: ${this.pending.toString('latin1')}`)));
        });
        this.handshake.catch(() => {});
        socket.write(`GET / HTTP/1.1\r\nHost: ${socket.remoteAddress}:${socket.remotePort}\r\n`
            + 'Connection: Upgrade\r\nUpgrade: websocket\r\n'
            + `Sec-WebSocket-Key: ${this.key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    }

    /** The Sec-WebSocket-Accept that RFC 6455 requires for our key. */
    expectedAccept() {
        return createHash('sha1').update(this.key + WEBSOCKET_GUID).digest('base64');
    }

    arrive(bytes) {
        this.pending = Buffer.concat([this.pending, bytes]);
        if (this.response === null) {
            const end = this.pending.indexOf('\r\n\r\n');
            if (end < 0) {
                return;
            }
            this.response = this.pending.subarray(0, end + 4).toString('latin1');
            this.pending = this.pending.subarray(end + 4);
            this.handshakeDone(this.response);
        }
        for (;;) {
            const p = this.pending;
            if (p.length < 2) {
                return;
            }
            const length7 = p[1] & 0x7f;
            const lengthForm = length7 < 126 ? 7 : length7 === 126 ? 16 : 64;
            const headerLength = 2 + (lengthForm === 7 ? 0 : lengthForm / 8) + (p[1] & 0x80 ? 4 : 0);
            if (p.length < headerLength) {
                return;
            }
            const length = lengthForm === 7 ? length7 : lengthForm === 16 ? p.readUInt16BE(2) : Number(p.readBigUInt64BE(2));
            if (p.length < headerLength + length) {
                return;
            }
            const frame = { fin: (p[0] & 0x80) !== 0, opcode: p[0] & 0x0f, masked: (p[1] & 0x80) !== 0, lengthForm, length };
            this.frames.push(frame);
            const payload = p.subarray(headerLength, headerLength + length);
            this.pending = p.subarray(headerLength + length);
            if (frame.opcode === 1) {
                super.arrive(payload);
            }
        }
    }

    /** A masked frame; lengthForm 7, 16 or 64 picks the length encoding (default: the shortest). */
    static frame(opcode, payload, { fin = true, lengthForm } = {}) {
        const form = lengthForm ?? (payload.length < 126 ? 7 : payload.length < 0x10000 ? 16 : 64);
        const length = form === 7 ? Buffer.from([0x80 | payload.length])
            : form === 16 ? Buffer.from([0x80 | 126, payload.length >> 8, payload.length & 0xff])
                : Buffer.concat([Buffer.from([0x80 | 127]), bigEndian64(payload.length)]);
        const mask = randomBytes(4);
        const masked = Buffer.from(payload);
        for (let i = 0; i < masked.length; i++) {
            masked[i] ^= mask[i & 3];
        }
        return Buffer.concat([Buffer.from([(fin ? 0x80 : 0) | opcode]), length, mask, masked]);
    }

    sendFrame(opcode, payload, options) {
        this.socket.write(WebReplClient.frame(opcode, toBytes(payload), options));
    }

    /** Typing: one text frame. */
    write(data) {
        this.sendFrame(1, toBytes(data));
    }

    /** Logs in with the password prompt consumed; resolves with what the board answered. */
    async login(password) {
        await this.readUntil('Password: ');
        this.write(`${password}\r`);
        return this.readUntil('\r\nWebREPL connected\r\n>>> ');
    }

    /** Whether a close frame came from the board. */
    gotCloseFrame() {
        return this.frames.some((f) => f.opcode === 8);
    }

    /** A close frame, then waits until the board has closed the connection. */
    async close() {
        if (!this.socket.destroyed && this.socket.writable) {
            this.sendFrame(8, Buffer.alloc(0));
        }
        const timer = setTimeout(() => this.socket.destroy(), 2000);
        await this.closed;
        clearTimeout(timer);
    }
}

function toBytes(data) {
    return typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
}

function bigEndian64(n) {
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64BE(BigInt(n));
    return bytes;
}

/**
 * Registers a suite's before and after hooks: a board started, connected and in raw mode, handed to
 * `use`, and stopped after the suite even when starting it failed half way.
 */
export function withBoardInRawRepl(use) {
    const started = {};
    before(async () => {
        started.board = await BoardProcess.start();
        started.uart = await started.board.connect();
        await started.uart.enterRawRepl();
        use(started);
    });
    after(async () => {
        await started.uart?.close();
        await started.board?.stop();
    });
}
