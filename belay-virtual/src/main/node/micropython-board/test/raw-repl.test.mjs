// The REPL protocol byte for byte, as a MicroPython 1.27 board speaks it.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BoardProcess } from './harness.mjs';

const BANNER = 'MicroPython v1.27.0 on 2025-12-10; JS with Emscripten\r\nType "help()" for more information.\r\n';

describe('the REPL', () => {
    let board;
    let uart;

    before(async () => {
        board = await BoardProcess.start();
        uart = await board.connect();
    });

    after(async () => {
        await uart?.close();
        await board?.stop();
    });

    test('Ctrl-C twice at the friendly prompt prints fresh prompts', async () => {
        uart.write('\r\x03\x03');
        assert.equal(await uart.readUntil('>>> \r\n>>> \r\n>>> '), '\r\n>>> \r\n>>> \r\n>>> ');
    });

    test('Ctrl-A enters the raw REPL', async () => {
        uart.write('\r\x01');
        assert.equal(await uart.readUntil('CTRL-B to exit\r\n>'), '\r\n>>> \r\nraw REPL; CTRL-B to exit\r\n>');
    });

    test('raw exec frames stdout and exception with \\x04', async () => {
        uart.write('print(1+1)\x04');
        assert.equal(await uart.readUntil('>'), 'OK2\r\n\x04\x04>');
        uart.write('pass\x04');
        assert.equal(await uart.readUntil('>'), 'OK\x04\x04>');
        uart.write('1/0\x04');
        assert.equal(await uart.readUntil('\x04>'), 'OK\x04Traceback (most recent call last):\r\n'
            + '  File "<stdin>", line 1, in <module>\r\nZeroDivisionError: divide by zero\r\n\x04>');
    });

    test('syntax errors and MemoryError look like a board\'s', async () => {
        uart.write('1 +\x04');
        assert.equal(await uart.readUntil('\x04>'), 'OK\x04Traceback (most recent call last):\r\n'
            + '  File "<stdin>", line 1\r\nSyntaxError: invalid syntax\r\n\x04>');
        uart.write('b = bytearray(300 * 1024 * 1024)\x04');
        assert.match(await uart.readUntil('\x04>'), /MemoryError: memory allocation failed, allocating 314572800 bytes\r\n\x04>$/);
    });

    test('print ends lines with \\r\\n', async () => {
        assert.deepEqual(await uart.exec('print("a\\nb")\nprint("c", end="\\n\\n")'), ['a\r\nb\r\nc\r\n\r\n', '']);
    });

    test('Ctrl-D on an empty raw line soft-resets: globals gone, raw mode kept', async () => {
        await uart.exec('x = 41');
        uart.write('\x04');
        assert.equal(await uart.readUntil('>'), 'OK\r\nMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>');
        const [, err] = await uart.exec('x');
        assert.match(err, /NameError: name 'x' isn't defined/);
    });

    test('sys.exit() and machine.soft_reset() soft-reset too', async () => {
        await uart.exec('y = 1');
        uart.write('import sys\nsys.exit()\x04');
        assert.equal(await uart.readUntil('CTRL-B to exit\r\n>'),
            'OK\x04\x04MPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>');
        uart.write('import machine\nmachine.soft_reset()\x04');
        assert.equal(await uart.readUntil('CTRL-B to exit\r\n>'),
            'OK\x04\x04MPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>');
        assert.match((await uart.exec('y'))[1], /NameError/);
    });

    test('Ctrl-B leaves the raw REPL with the banner', async () => {
        uart.write('\x02');
        assert.equal(await uart.readUntil('>>> '), `\r\n${BANNER}>>> `);
    });

    test('friendly REPL echoes, evaluates and soft-resets on Ctrl-D', async () => {
        uart.write('z = 6 * 7\rz\r');
        assert.equal(await uart.readUntil('42\r\n>>> '), 'z = 6 * 7\r\n>>> z\r\n42\r\n>>> ');
        uart.write('\x04');
        assert.equal(await uart.readUntil('>>> '), `\r\nMPY: soft reboot\r\n${BANNER}>>> `);
        uart.write('z\r');
        assert.match(await uart.readUntil('>>> '), /NameError: name 'z' isn't defined/);
    });

    test('input() reads the UART and echoes like a board', async () => {
        uart.write('s = input("name? ")\r');
        assert.equal(await uart.readUntil('\r\nname? '), 's = input("name? ")\r\nname? ');
        uart.write('Ada\x08a\r');
        assert.equal(await uart.readUntil('>>> '), 'Ada\b\x1b[Ka\r\n>>> ');
        uart.write('s\r');
        assert.equal(await uart.readUntil('>>> '), "s\r\n'Ada'\r\n>>> ");
    });

    test('input() raises KeyboardInterrupt on Ctrl-C and EOFError on Ctrl-D', async () => {
        uart.write('input()\r');
        await uart.readUntil('input()\r\n');
        uart.write('\x03');
        assert.match(await uart.readUntil('>>> '), /KeyboardInterrupt: \r\n>>> $/);
        uart.write('input()\r');
        await uart.readUntil('input()\r\n');
        uart.write('\x04');
        assert.match(await uart.readUntil('>>> '), /EOFError: \r\n>>> $/);
    });

    test('sys.stdin reads the UART', async () => {
        await uart.enterRawRepl();
        uart.write('import sys\nprint(repr(sys.stdin.read(3)))\x04');
        await uart.readUntil('OK');
        uart.write('xyz');
        assert.equal(await uart.readUntil('>'), "'xyz'\r\n\x04\x04>");
    });

    test('OSError numbers are Linux errno values', async () => {
        const [, err] = await uart.exec('import os\nos.stat("/missing")');
        assert.match(err, /OSError: \[Errno 2\] ENOENT\r\n$/);
        const [out] = await uart.exec('import errno\nprint(errno.ENOENT, errno.EEXIST, errno.EACCES)');
        assert.equal(out, '2 17 13\r\n');
    });

    test('machine, os.uname() and time are there', async () => {
        const [out, err] = await uart.exec('import machine, os, time\n'
            + 'print(len(machine.unique_id()), machine.reset_cause() == machine.PWRON_RESET)\n'
            + 'print(os.uname().release, os.uname().sysname)\n'
            + 't = time.ticks_ms(); time.sleep_ms(30); print(time.ticks_diff(time.ticks_ms(), t) >= 30)');
        assert.equal(err, '');
        assert.equal(out, '8 True\r\n1.27.0 webassembly\r\nTrue\r\n');
    });
});
