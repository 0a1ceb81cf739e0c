// Starts bridges and talks to them over their unix socket with literal bytes. (Node's runner
// also loads this file as a test file; it has no tests of its own.)

import { after, before } from 'node:test';
import { spawn } from 'node:child_process';
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
            await board.waitForStdoutLine(READY_TIMEOUT_MS);
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
        this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
        child.stdout.on('data', (d) => {
            this.stdout += d;
        });
        child.stderr.on('data', (d) => {
            this.stderr += d;
        });
    }

    /** The first line the board prints on stdout (its READY line). */
    waitForStdoutLine(timeoutMs) {
        return new Promise((resolve, reject) => {
            const check = () => {
                const end = this.stdout.indexOf('\n');
                if (end >= 0) {
                    cleanup();
                    resolve(this.stdout.slice(0, end));
                }
            };
            const fail = (why) => {
                cleanup();
                reject(new Error(`${why}; stderr: ${this.stderr}`));
            };
            const timer = setTimeout(() => fail(`no READY within ${timeoutMs} ms`), timeoutMs);
            const cleanup = () => {
                clearTimeout(timer);
                this.child.stdout.off('data', check);
            };
            this.child.stdout.on('data', check);
            this.exited.then(({ code, signal }) => fail(`board exited (${code ?? signal}) before READY`));
            check();
        });
    }

    /** A control command on stdin ("reset", "quit"). */
    command(line) {
        this.child.stdin.write(`${line}\n`);
    }

    async connect() {
        return UartClient.connect(this.socketPath);
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
        socket.on('data', (d) => {
            this.received = Buffer.concat([this.received, d]);
            for (const wake of this.waiters) {
                wake();
            }
        });
        socket.on('error', () => {});
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
