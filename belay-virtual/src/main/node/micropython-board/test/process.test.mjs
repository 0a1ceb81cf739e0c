// The process contract Java relies on: READY on stdout, one client at a time on the socket,
// control on stdin, clean exit, no input lost, and a fast raw-REPL round trip.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { BOARD_SCRIPT, BoardProcess, UartClient } from './harness.mjs';

describe('the board process', () => {
    let board;

    before(async () => {
        board = await BoardProcess.start(['--heap', String(512 * 1024)]);
    });

    after(async () => {
        await board?.stop();
    });

    test('prints exactly one READY line with the socket path', () => {
        assert.equal(board.stdout, `READY ${board.socketPath}\n`);
    });

    test('has nothing waiting for the first client (the power-on banner went to nobody)', async () => {
        const uart = await board.connect();
        try {
            assert.equal(await uart.readFor(150), '');
        } finally {
            await uart.close();
        }
    });

    test('serves one client at a time and keeps running between clients', async () => {
        const first = await board.connect();
        try {
            await first.enterRawRepl();
            await first.exec('remembered = 42');
            const second = await UartClient.connect(board.socketPath);
            await second.closed; // closed at once by the board
            assert.deepEqual(await first.exec('print(remembered)'), ['42\r\n', '']);
            first.write('import time\ntime.sleep_ms(100)\nprint("while nobody listens")\x04');
            await first.readUntil('OK');
        } finally {
            await first.close();
        }
        await new Promise((r) => setTimeout(r, 300));
        const next = await board.connect();
        try {
            assert.equal(await next.readFor(100), '', 'output without a client is lost');
            next.write('print(remembered)\x04');
            assert.equal(await next.readUntil('>'), 'OK42\r\n\x04\x04>');
        } finally {
            await next.close();
        }
    });

    test('loses no input however fast it comes', async () => {
        const uart = await board.connect();
        try {
            await uart.enterRawRepl();
            const payload = 'abcdefghij'.repeat(50000); // 500 KB in one write
            uart.write(`s = "${payload}"\nprint(len(s), s == "abcdefghij" * 50000)\x04`);
            assert.equal(await uart.readUntil('>', 20000), 'OK500000 True\r\n\x04\x04>');
        } finally {
            await uart.close();
        }
    });

    test('answers a trivial raw exec quickly', async (t) => {
        const uart = await board.connect();
        try {
            await uart.enterRawRepl();
            const times = [];
            for (let i = 0; i < 500; i++) {
                const start = process.hrtime.bigint();
                uart.write('pass\x04');
                await uart.readUntil('OK\x04\x04>');
                times.push(Number(process.hrtime.bigint() - start) / 1e6);
            }
            times.sort((a, b) => a - b);
            const median = times[times.length >> 1];
            t.diagnostic(`median round trip over the socket: ${median.toFixed(3)} ms`);
            assert.ok(median < 2, `median ${median} ms`);
        } finally {
            await uart.close();
        }
    });
});

describe('process lifetime', () => {
    test('quit, EOF on stdin and SIGTERM end it and remove the socket', async () => {
        for (const stop of [(b) => b.command('quit'), (b) => b.child.stdin.end(), (b) => b.child.kill('SIGTERM')]) {
            const board = await BoardProcess.start();
            try {
                stop(board);
                const { code } = await board.exited;
                assert.equal(code, 0);
                assert.equal(existsSync(board.socketPath), false);
            } finally {
                await board.stop();
            }
        }
    });

    test('replaces a stale socket file', async () => {
        const board = await BoardProcess.start([], { prepare: (path) => writeFileSync(path, 'stale') });
        try {
            assert.equal(board.stdout, `READY ${board.socketPath}\n`);
            const uart = await board.connect();
            uart.write('\r\x03');
            await uart.readUntil('>>> ');
            await uart.close();
        } finally {
            await board.stop();
        }
    });

    test('rejects bad arguments', async () => {
        const child = spawn(process.execPath, [BOARD_SCRIPT, '--heap', '12'], { stdio: ['pipe', 'pipe', 'pipe'] });
        const exited = new Promise((resolve) => child.once('exit', resolve));
        try {
            let stderr = '';
            child.stderr.on('data', (d) => {
                stderr += d;
            });
            assert.equal(await exited, 64);
            assert.match(stderr, /usage/);
        } finally {
            child.kill('SIGKILL');
            await exited;
        }
    });
});
