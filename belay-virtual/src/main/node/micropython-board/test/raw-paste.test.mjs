// Raw-paste mode with its flow control, as pyboard.py and mpremote use it.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withBoardInRawRepl } from './harness.mjs';

const WINDOW = 128;

/**
 * pyboard.py's raw_paste_write: never more than the granted windows in flight. The board grants
 * one window with the header and one more with the \x01 that follows it.
 */
async function rawPasteUpload(uart, source) {
    uart.write('\x05A\x01');
    assert.equal(await uart.readBytes(2), 'R\x01');
    const header = await uart.readBytes(2);
    const window = header.charCodeAt(0) | (header.charCodeAt(1) << 8);
    let allowed = window;
    let grants = 0;
    for (let i = 0; i < source.length;) {
        while (allowed === 0 || uart.received.length > 0) {
            const b = await uart.readBytes(1);
            assert.equal(b, '\x01', 'only window grants may arrive during the upload');
            allowed += window;
            grants++;
        }
        const chunk = source.slice(i, i + allowed);
        uart.write(chunk);
        allowed -= chunk.length;
        i += chunk.length;
    }
    uart.write('\x04');
    const tail = await uart.readUntil('\x04');
    grants += tail.length - 1; // grants that arrived after the last chunk
    assert.match(tail, /^\x01*\x04$/);
    return { window, grants };
}

describe('raw-paste', () => {
    let board;
    let uart;

    withBoardInRawRepl((started) => ({ board, uart } = started));

    test('is granted with a 128-byte window and runs without an OK', async () => {
        const { window } = await rawPasteUpload(uart, 'print("pasted")');
        assert.equal(window, WINDOW);
        assert.equal(await uart.readUntil('>'), 'pasted\r\n\x04\x04>');
    });

    test('grants a window per 128 bytes received (one at the start), and a large source arrives whole', async () => {
        const lines = [];
        for (let i = 0; i < 400; i++) {
            lines.push(`v${i} = ${i} * 2`);
        }
        lines.push('print(sum(globals()[f"v{i}"] for i in range(400)))');
        const source = `${lines.join('\n')}\n`;
        const { grants } = await rawPasteUpload(uart, source);
        assert.equal(grants, 1 + Math.floor(source.length / WINDOW));
        assert.equal(await uart.readUntil('>'), `${399 * 400}\r\n\x04\x04>`);
    });

    test('frames exceptions like the raw REPL', async () => {
        await rawPasteUpload(uart, 'x = 1\nraise ValueError("nope")');
        assert.equal(await uart.readUntil('\x04>'), '\x04Traceback (most recent call last):\r\n'
            + '  File "<stdin>", line 2, in <module>\r\nValueError: nope\r\n\x04>');
    });

    test('keeps bytes \\x01 and \\x02 of the source', async () => {
        await rawPasteUpload(uart, 'print(repr("a\x01b\x02c"))');
        assert.equal(await uart.readUntil('>'), "'a\\x01b\\x02c'\r\n\x04\x04>");
    });

    test('an empty source runs nothing (and is no soft reset)', async () => {
        await uart.exec('kept = 5');
        await rawPasteUpload(uart, '');
        assert.equal(await uart.readUntil('>'), '\x04\x04>');
        assert.deepEqual(await uart.exec('print(kept)'), ['5\r\n', '']);
    });

    test('Ctrl-C during the upload ends it with a KeyboardInterrupt', async () => {
        uart.write('\x05A\x01');
        assert.equal(await uart.readBytes(5), 'R\x01\x80\x00\x01');
        uart.write('print("never")\x03');
        assert.equal(await uart.readUntil('\x04>'), '\x04\x04KeyboardInterrupt: \r\n\x04>');
    });

    test('an unknown raw-paste command is refused with R\\x00', async () => {
        uart.write('\x05B\x01');
        assert.equal(await uart.readUntil('>'), 'R\x00>');
        assert.deepEqual(await uart.exec('print(3)'), ['3\r\n', '']);
    });

    test('sys.exit() in a paste soft-resets', async () => {
        await rawPasteUpload(uart, 'import sys\nsys.exit()');
        assert.equal(await uart.readUntil('CTRL-B to exit\r\n>'),
            '\x04\x04MPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>');
    });
});
