// Ctrl-C stops running code, as on a board, including code that never calls out of the VM.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { withBoardInRawRepl } from './harness.mjs';

const BANNER = 'MicroPython v1.27.0 on 2025-12-10; JS with Emscripten\r\nType "help()" for more information.\r\n>>> ';

const KEYBOARD_INTERRUPT_AT_LINE = (line) => '\x04Traceback (most recent call last):\r\n'
    + `  File "<stdin>", line ${line}, in <module>\r\nKeyboardInterrupt: \r\n\x04>`;

/** CPU seconds the process has used so far (Linux). */
function cpuSeconds(pid) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
}

describe('Ctrl-C', () => {
    let board;
    let uart;

    withBoardInRawRepl((started) => ({ board, uart } = started));

    test('stops while True: pass at once, keeping the globals', async () => {
        uart.write('kept = 7\nwhile True:\n    pass\x04');
        await uart.readUntil('OK');
        await uart.readFor(50);
        const start = performance.now();
        uart.write('\x03');
        assert.equal(await uart.readUntil('\x04>'), KEYBOARD_INTERRUPT_AT_LINE(3));
        assert.ok(performance.now() - start < 200, `took ${performance.now() - start} ms`);
        assert.deepEqual(await uart.exec('print(kept)'), ['7\r\n', '']);
    });

    test('at the raw prompt only clears the line', async () => {
        uart.write('print("lost")\x03');
        assert.equal(await uart.readFor(50), '');
        assert.deepEqual(await uart.exec('print("after")'), ['after\r\n', '']);
    });

    test('wakes time.sleep, which does not burn CPU', async () => {
        uart.write('import time\ntime.sleep(1)\nprint("slept")\x04');
        await uart.readUntil('OK');
        const cpuBefore = cpuSeconds(board.child.pid);
        assert.equal(await uart.readUntil('>', 3000), 'slept\r\n\x04\x04>');
        assert.ok(cpuSeconds(board.child.pid) - cpuBefore < 0.3, 'a one-second sleep used the CPU');

        uart.write('time.sleep(30)\nprint("not reached")\x04');
        await uart.readUntil('OK');
        await uart.readFor(50);
        uart.write('\x03');
        const report = await uart.readUntil('\x04>', 1000);
        assert.match(report, /^\x04Traceback \(most recent call last\):\r\n  File "<stdin>", line 1, in <module>\r\n/);
        assert.match(report, /KeyboardInterrupt: \r\n\x04>$/);
    });

    test('interrupts a read of sys.stdin', async () => {
        uart.write('import sys\nsys.stdin.read(1)\x04');
        await uart.readUntil('OK');
        await uart.readFor(50);
        uart.write('\x03');
        assert.equal(await uart.readUntil('\x04>'), KEYBOARD_INTERRUPT_AT_LINE(2));
    });

    test('stops the friendly REPL too', async () => {
        uart.write('\x02');
        await uart.readUntil('>>> ');
        uart.write('while True: pass\r\r'); // a compound statement ends with an empty line
        await uart.readUntil('while True: pass\r\n');
        await uart.readFor(50);
        uart.write('\x03');
        assert.equal(await uart.readUntil('>>> '), 'Traceback (most recent call last):\r\n'
            + '  File "<stdin>", line 1, in <module>\r\nKeyboardInterrupt: \r\n>>> ');
        await uart.enterRawRepl();
    });

    test('is ignored after micropython.kbd_intr(-1) until a hard reset (SIGUSR2), which drops the unread input', async () => {
        await uart.exec('open("/deaf.txt", "w").write("kept")');
        uart.write('import micropython\nmicropython.kbd_intr(-1)\nwhile True:\n    pass\x04');
        await uart.readUntil('OK');
        await uart.readFor(50);
        uart.write('\x03\x03');
        // Longer than the grace after which an interpreter that does not answer is replaced.
        assert.equal(await uart.readFor(600), '');
        board.child.kill('SIGUSR2');
        assert.equal(await uart.readUntil('>>> ', 5000), BANNER);
        assert.equal(await uart.readFor(100), '', 'the Ctrl-Cs sent before the reset were typed after it');
        await uart.enterRawRepl();
        assert.deepEqual(await uart.exec('print(open("/deaf.txt").read())'), ['kept\r\n', '']);
    });

    test('interrupts again once micropython.kbd_intr(3) turned it back on', async () => {
        uart.write('import micropython\nmicropython.kbd_intr(-1)\nmicropython.kbd_intr(3)\nwhile True:\n    pass\x04');
        await uart.readUntil('OK');
        await uart.readFor(50);
        uart.write('\x03');
        assert.equal(await uart.readUntil('\x04>'), KEYBOARD_INTERRUPT_AT_LINE(5));
    });

    test('is on again for the next command, which the REPL starts with Ctrl-C as the interrupt', async () => {
        assert.deepEqual(await uart.exec('import micropython\nmicropython.kbd_intr(-1)'), ['', '']);
        uart.write('while True:\n    pass\x04');
        await uart.readUntil('OK');
        await uart.readFor(50);
        uart.write('\x03');
        assert.equal(await uart.readUntil('\x04>'), KEYBOARD_INTERRUPT_AT_LINE(2));
    });

    test('stops code stuck in a long C call by replacing the interpreter: files kept, globals lost', async () => {
        await uart.exec('lost = 1\nf = open("/kept.txt", "w")\nf.write("still here")\nf.close()');
        uart.write('sum(range(10**9))\x04');
        await uart.readUntil('OK');
        await uart.readFor(50);
        const start = performance.now();
        uart.write('\x03');
        assert.equal(await uart.readUntil('\x04>', 3000), '\x04KeyboardInterrupt: \r\n\x04>');
        assert.ok(performance.now() - start < 1000, `took ${performance.now() - start} ms`);
        assert.deepEqual(await uart.exec('print(open("/kept.txt").read())'), ['still here\r\n', '']);
        assert.match((await uart.exec('lost'))[1], /NameError/);
    });
});
