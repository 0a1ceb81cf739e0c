// The board's WebREPL (--webrepl): the board's own minimal WebSocket server, byte for byte, talked
// to with a hand-written client (test/harness.mjs) that sends masked frames.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect as connectSocket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { BOARD_SCRIPT, BoardProcess, WebReplClient } from './harness.mjs';

const PASSWORD = 'secret123'; // 9 characters, the most the board takes
const GREETING = '\r\nWebREPL connected\r\n>>> ';
const SOFT_REBOOT = 'MPY: soft reboot\r\n';
const BANNER = 'MicroPython v1.27.0 on 2025-12-10; JS with Emscripten\r\nType "help()" for more information.\r\n>>> ';
const TEXT = 1;
const BINARY = 2;
const CLOSE = 8;
const PING = 9;
const PONG = 10;

/** Runs use(client) with a client at the password prompt, and closes it whatever happens. */
async function withClient(board, use) {
    const client = await board.connectWebRepl();
    try {
        return await use(client);
    } finally {
        await client.close();
    }
}

/** Runs use(client) with a logged-in client. */
function withSession(board, use) {
    return withClient(board, async (client) => {
        await client.login(PASSWORD);
        return use(client);
    });
}

/** The friendly REPL from any state, its prompt consumed. */
async function enterFriendlyRepl(client) {
    client.write('\r\x03\x02');
    await client.readUntil(BANNER);
    await client.readFor(20);
}

/** Everything the frames so far say about their headers is as the board sends them. */
function assertBoardFrames(client) {
    for (const frame of client.frames) {
        assert.equal(frame.fin, true);
        assert.equal(frame.masked, false);
        assert.ok(frame.opcode === TEXT || frame.opcode === CLOSE, `opcode ${frame.opcode}`);
        assert.ok(frame.lengthForm !== 64 && frame.length <= 0xffff, `length ${frame.length}`);
    }
}

describe('WebREPL', () => {
    let board;
    let uart;

    before(async () => {
        board = await BoardProcess.start(['--webrepl', '0', '--webrepl-password', PASSWORD]);
        uart = await board.connect();
    });

    after(async () => {
        await uart?.close();
        await board?.stop();
    });

    test('prints WEBREPL <port> before READY', () => {
        assert.ok(board.webreplPort > 0);
        assert.equal(board.stdout, `WEBREPL ${board.webreplPort}\nREADY ${board.socketPath}\n`);
    });

    test('answers the upgrade, then asks for the password in a text frame', async () => {
        await withClient(board, async (client) => {
            assert.equal(client.response, 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n'
                + `Connection: Upgrade\r\nSec-WebSocket-Accept: ${client.expectedAccept()}\r\n\r\n`);
            assert.equal(await client.readBytes(10), 'Password: ');
            assert.deepEqual(client.frames, [{ fin: true, opcode: TEXT, masked: false, lengthForm: 7, length: 10 }]);
        });
    });

    test('denies a wrong password and closes the connection (no echo, no close frame)', async () => {
        await withClient(board, async (client) => {
            await client.readUntil('Password: ');
            client.write('wrong\r');
            assert.equal(await client.readUntil('\r\nAccess denied\r\n'), '\r\nAccess denied\r\n');
            await client.closed;
            assert.equal(client.received.length, 0);
            assert.equal(client.gotCloseFrame(), false);
        });
    });

    test('keeps only the first 10 characters typed: a longer entry never matches', async () => {
        for (const typed of [`${PASSWORD}X`, `${PASSWORD}${PASSWORD}`]) {
            await withClient(board, async (client) => {
                await client.readUntil('Password: ');
                client.write(`${typed}\r`);
                assert.equal(await client.readUntil('\r\nAccess denied\r\n'), '\r\nAccess denied\r\n');
                await client.closed;
            });
        }
    });

    test('greets a correct password, typed over several frames, ended by LF too', async () => {
        await withClient(board, async (client) => {
            await client.readUntil('Password: ');
            client.write('secr');
            client.write('et1');
            assert.equal(await client.readFor(50), '', 'the password is not echoed');
            client.write('23\n');
            assert.equal(await client.readUntil('>>> '), GREETING);
        });
    });

    test('is a REPL terminal beside the UART: friendly REPL both ways', async () => {
        await withSession(board, async (client) => {
            await enterFriendlyRepl(client);
            await uart.readFor(50);
            client.write('1+1\r');
            assert.equal(await client.readUntil('>>> '), '1+1\r\n2\r\n>>> ');
            assert.equal(await uart.readUntil('>>> '), '1+1\r\n2\r\n>>> ');
            uart.write('3*3\r');
            assert.equal(await client.readUntil('>>> '), '3*3\r\n9\r\n>>> ');
            assertBoardFrames(client);
        });
    });

    test('raw REPL round trip, and Ctrl-C interrupts', async () => {
        await withSession(board, async (client) => {
            await enterFriendlyRepl(client);
            client.write('\x01');
            assert.equal(await client.readUntil('>'), '\r\nraw REPL; CTRL-B to exit\r\n>');
            client.write('print(1)\x04');
            assert.equal(await client.readUntil('>'), 'OK1\r\n\x04\x04>');
            client.write('while True:\n    pass\x04');
            await client.readUntil('OK');
            await client.readFor(30);
            client.write('\x03');
            assert.match(await client.readUntil('\x04>'), /^\x04Traceback.*KeyboardInterrupt: \r\n\x04>$/s);
        });
    });

    test('sends output bytes as they are, invalid UTF-8 and long output too', async () => {
        await withSession(board, async (client) => {
            await client.enterRawRepl();
            assert.deepEqual(await client.exec("import sys; sys.stdout.buffer.write(b'\\xff\\xfe')"), ['\xff\xfe', '']);
            // 80002 bytes of two-byte characters: frames of at most 65535 bytes split characters.
            const [out, err] = await client.exec("print('\\u00e9' * 40000)");
            assert.equal(err, '');
            assert.ok(Buffer.from(out, 'latin1').equals(Buffer.from(`${'\u00e9'.repeat(40000)}\r\n`, 'utf8')));
            assertBoardFrames(client);
            assert.ok(client.frames.some((f) => f.lengthForm === 16));
        });
    });

    test('takes a client frame of any length form, split or several in one chunk', async () => {
        await withSession(board, async (client) => {
            await client.enterRawRepl();
            client.write(`s = "${'a'.repeat(300)}"\nprint(len(s))\x04`); // 16-bit length
            assert.equal(await client.readUntil('>'), 'OK300\r\n\x04\x04>');
            client.write(`s = "${'b'.repeat(100000)}"\nprint(len(s))\x04`); // 64-bit length
            assert.equal(await client.readUntil('>', 10000), 'OK100000\r\n\x04\x04>');
            client.sendFrame(TEXT, 'print(5)\x04', { lengthForm: 64 });
            assert.equal(await client.readUntil('>'), 'OK5\r\n\x04\x04>');

            const frames = Buffer.concat([
                WebReplClient.frame(TEXT, Buffer.from('print(', 'latin1')),
                WebReplClient.frame(PING, Buffer.from('between')),
                WebReplClient.frame(TEXT, Buffer.from('6', 'latin1'), { fin: false }),
                WebReplClient.frame(0, Buffer.from(')\x04', 'latin1')),
            ]);
            for (let i = 0; i < frames.length; i++) { // one byte per TCP write
                client.socket.write(frames.subarray(i, i + 1));
                await new Promise((resolve) => setTimeout(resolve, 1));
            }
            assert.equal(await client.readUntil('>'), 'OK6\r\n\x04\x04>');
            client.socket.write(Buffer.concat([frames, frames])); // all in one write
            assert.equal(await client.readUntil('>'), 'OK6\r\n\x04\x04>');
            assert.equal(await client.readUntil('>'), 'OK6\r\n\x04\x04>');
        });
    });

    test('answers no ping, ignores pongs and binary frames, and the session goes on', async () => {
        await withSession(board, async (client) => {
            await client.enterRawRepl();
            const stderrBefore = board.stderr.length;
            client.sendFrame(PING, 'are you there');
            client.sendFrame(PONG, 'unasked');
            client.sendFrame(BINARY, Buffer.from('WA\x01\x00print("no")\x04', 'latin1'));
            assert.equal(await client.readFor(150), '');
            assert.deepEqual(await client.exec('print("yes")'), ['yes\r\n', '']);
            assert.equal(client.frames.some((f) => f.opcode === PONG), false);
            assert.match(board.stderr.slice(stderrBefore), /binary frames.*not supported/);
        });
    });

    test('answers a close frame with one and ends the connection; the next client logs in', async () => {
        const client = await board.connectWebRepl();
        try {
            await client.login(PASSWORD);
            client.sendFrame(CLOSE, Buffer.from([0x03, 0xe8]));
            await client.closed;
            assert.deepEqual(client.frames.at(-1), { fin: true, opcode: CLOSE, masked: false, lengthForm: 7, length: 0 });
        } finally {
            await client.close();
        }
        await withSession(board, async (next) => {
            await next.enterRawRepl();
        });
    });

    test('closes a second client after the handshake, while one is logged in or logging in', async () => {
        await withClient(board, async (first) => {
            await first.readUntil('Password: ');
            const second = await board.connectWebRepl();
            await second.closed;
            assert.equal(second.frames.length, 0);
            first.write(`${PASSWORD}\r`);
            await first.readUntil(GREETING);
            const third = await board.connectWebRepl();
            await third.closed;
            assert.equal(third.frames.length, 0);
            await first.enterRawRepl();
            assert.deepEqual(await first.exec('print(3)'), ['3\r\n', '']);
        });
    });

    test('a soft reset in raw mode drops the session after "MPY: soft reboot"; the board stays raw', async () => {
        await withSession(board, async (client) => {
            await client.enterRawRepl();
            await client.exec('kept = 1');
            await uart.readFor(50);
            client.write('\x04');
            await client.closed;
            assert.equal(client.take(client.received.length), `OK\r\n${SOFT_REBOOT}`);
            assert.equal(client.frames.at(-1).opcode, CLOSE);
            assertBoardFrames(client);
            assert.equal(await uart.readUntil('>'), `OK\r\n${SOFT_REBOOT}raw REPL; CTRL-B to exit\r\n>`);
        });
        await withSession(board, async (client) => {
            // The greeting says ">>> " (as the firmware does), but the board is in the raw REPL.
            client.write('print("still raw")\x04');
            assert.equal(await client.readUntil('>'), 'OKstill raw\r\n\x04\x04>');
            assert.match((await client.exec('print(kept)'))[1], /NameError/);
        });
    });

    test('machine.soft_reset() in the friendly REPL drops the session too', async () => {
        await withSession(board, async (client) => {
            await enterFriendlyRepl(client);
            await uart.readFor(50);
            client.write('import machine\rmachine.soft_reset()\r');
            await client.closed;
            assert.equal(client.take(client.received.length),
                `import machine\r\n>>> machine.soft_reset()\r\n${SOFT_REBOOT}`);
            assert.ok((await uart.readUntil(BANNER)).endsWith(`${SOFT_REBOOT}${BANNER}`));
        });
    });

    test('a hard reset (reset command, machine.reset()) drops the session; the banner goes to the UART only', async () => {
        await withSession(board, async (client) => {
            await uart.readFor(50);
            board.command('reset');
            await board.waitForStdoutLine('RESET');
            await client.closed;
            assert.equal(client.received.length, 0);
            assert.equal(client.frames.at(-1).opcode, CLOSE);
            assert.equal(await uart.readUntil(BANNER), BANNER);
        });
        await withSession(board, async (client) => {
            await client.enterRawRepl();
            client.write('import machine; machine.reset()\x04');
            await client.closed;
            assert.equal(client.take(client.received.length), 'OK');
            assert.equal(client.frames.at(-1).opcode, CLOSE);
            assert.ok((await uart.readUntil(BANNER)).endsWith(BANNER));
        });
    });

    test('webrepl off closes the port and the session, the board goes on; webrepl on listens again', async () => {
        await withSession(board, async (client) => {
            await client.enterRawRepl();
            await client.exec('kept = 5');
            board.command('webrepl off');
            await board.waitForStdoutLine('WEBREPL OFF');
            await client.closed;
            assert.equal(client.gotCloseFrame(), false);
        });
        await assert.rejects(board.connectWebRepl(), { code: 'ECONNREFUSED' });
        await uart.readFor(50);
        uart.write('print(kept)\x04');
        assert.equal(await uart.readUntil('\x04>'), 'OK5\r\n\x04\x04>');
        board.command('webrepl off');
        await board.waitForStdoutLine('WEBREPL OFF');
        board.command('webrepl on');
        await board.waitForStdoutLine('WEBREPL ON');
        board.command('webrepl on');
        await board.waitForStdoutLine('WEBREPL ON');
        await withSession(board, async (client) => {
            assert.deepEqual(await client.exec('print(kept)'), ['5\r\n', '']);
        });
    });

    test('answers a plain HTTP request with the board\'s page and closes', async () => {
        const socket = connectSocket(board.webreplPort, '127.0.0.1');
        try {
            let response = '';
            socket.on('data', (d) => {
                response += d.toString('latin1');
            });
            socket.write('GET / HTTP/1.1\r\nHost: board\r\n\r\n');
            await new Promise((resolve) => socket.once('close', resolve));
            assert.match(response, /^HTTP\/1\.0 200 OK\r\n\r\n<base href="https:\/\/micropython\.org\/webrepl\/"><\/base>/);
        } finally {
            socket.destroy();
        }
    });
});

describe('WebREPL options', () => {
    async function exitOf(args) {
        const child = spawn(process.execPath, [BOARD_SCRIPT, '--uart', '/tmp/unused.sock', ...args],
            { stdio: ['pipe', 'pipe', 'pipe'] });
        const exited = new Promise((resolve) => child.once('exit', resolve));
        let stderr = '';
        child.stderr.on('data', (d) => {
            stderr += d;
        });
        try {
            return { code: await exited, stderr };
        } finally {
            child.kill('SIGKILL');
        }
    }

    test('rejects a missing or bad password or port with 64', async () => {
        const cases = [
            [['--webrepl', '0'], /needs --webrepl-password/],
            [['--webrepl', '0', '--webrepl-password', ''], /1 to 9 characters/],
            [['--webrepl', '0', '--webrepl-password', '0123456789'], /1 to 9 characters/],
            [['--webrepl', '70000', '--webrepl-password', 'pw'], /TCP port/],
            [['--webrepl', 'x', '--webrepl-password', 'pw'], /TCP port/],
            [['--webrepl-password', 'pw'], /needs --webrepl/],
        ];
        const results = await Promise.all(cases.map(([args]) => exitOf(args)));
        results.forEach(({ code, stderr }, i) => {
            assert.equal(code, 64, cases[i][0].join(' '));
            assert.match(stderr, cases[i][1]);
        });
    });

    test('without --webrepl: no WEBREPL line, and webrepl commands are unknown', async () => {
        const board = await BoardProcess.start();
        try {
            board.command('webrepl on');
            board.command('reset');
            await board.waitForStdoutLine('RESET');
            assert.equal(board.stdout, `READY ${board.socketPath}\nRESET\n`);
            assert.match(board.stderr, /unknown command 'webrepl on'/);
        } finally {
            await board.stop();
        }
    });
});
