// The board's flash: an empty "/", board-like errors, and files that outlive every kind of reset.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { withBoardInRawRepl } from './harness.mjs';

const BANNER = 'MicroPython v1.27.0 on 2025-12-10; JS with Emscripten\r\nType "help()" for more information.\r\n>>> ';

describe('files', () => {
    let board;
    let uart;

    withBoardInRawRepl((started) => ({ board, uart } = started));

    async function run(code) {
        const [out, err] = await uart.exec(code);
        assert.equal(err, '', `${code} failed`);
        return out;
    }

    test('the root starts empty', async () => {
        assert.equal(await run('import os\nprint(os.listdir("/"), os.getcwd())'), '[] /\r\n');
    });

    test('open, stat, mkdir, rename with absolute paths, remove', async () => {
        assert.equal(await run('import os\n'
            + 'with open("/a.bin", "wb") as f:\n    f.write(bytes(range(256)))\n'
            + 'os.mkdir("/lib")\n'
            + 'os.rename("/a.bin", "/lib/b.bin")\n'
            + 'print(sorted(os.listdir("/")), os.listdir("/lib"))\n'
            + 'print(os.stat("/lib/b.bin")[6], os.stat("/lib")[0] & 0x4000 != 0)\n'
            + 'print(open("/lib/b.bin", "rb").read() == bytes(range(256)))\n'
            + 'os.rename("/lib/b.bin", "/c.txt")\nos.remove("/c.txt")\nos.rmdir("/lib")\n'
            + 'print(os.listdir("/"))'),
        "['lib'] ['b.bin']\r\n256 True\r\nTrue\r\n[]\r\n");
    });

    test('stat and ilistdir give sizes as a board does: a file its length, a directory 0', async () => {
        assert.equal(await run('import os\nos.mkdir("/sz")\nopen("/sz/five.txt", "w").write("hello")\n'
            + 'open("/sz/empty", "w").close()\nos.mkdir("/sz/sub")\n'
            + 'print(sorted(os.ilistdir("/sz")))\nprint(sorted(os.ilistdir(b"/sz/")))\n'
            + 'print(os.stat("/sz/five.txt")[6], os.stat("/sz")[6])\n'
            + 'os.chdir("/sz")\nprint(sorted(e[3] for e in os.ilistdir()))\nos.chdir("/")\n'
            + 'os.remove("/sz/five.txt")\nos.remove("/sz/empty")\nos.rmdir("/sz/sub")\nos.rmdir("/sz")'),
        "[('empty', 32768, 0, 0), ('five.txt', 32768, 0, 5), ('sub', 16384, 0, 0)]\r\n"
            + "[(b'empty', 32768, 0, 0), (b'five.txt', 32768, 0, 5), (b'sub', 16384, 0, 0)]\r\n"
            + '5 0\r\n[0, 0, 5]\r\n');
    });

    test('errors carry Linux errno numbers', async () => {
        const error = async (code) => (await uart.exec(`import os\n${code}`))[1].split('\r\n').at(-2);
        assert.equal(await error('open("/missing")'), 'OSError: [Errno 2] ENOENT');
        assert.equal(await error('os.mkdir("/d")\nos.mkdir("/d")'), 'OSError: [Errno 17] EEXIST');
        assert.equal(await error('open("/d")'), 'OSError: [Errno 21] EISDIR');
        assert.equal(await error('open("/d/x", "w").close()\nos.rmdir("/d")'), 'OSError: 39');
        assert.equal(await error('open("/d/x/y")'), 'OSError: 20');
        assert.equal(await run('import os\ntry:\n    os.remove("/nope")\nexcept OSError as e:\n    print(e.errno)'), '2\r\n');
        await run('os.remove("/d/x")\nos.rmdir("/d")');
    });

    test('survive a soft reset', async () => {
        await run('open("/soft.txt", "w").write("soft")');
        uart.write('\x04');
        await uart.readUntil('raw REPL; CTRL-B to exit\r\n>');
        assert.equal(await run('print(open("/soft.txt").read())'), 'soft\r\n');
    });

    test('survive a hard reset from the control stream, which prints the boot banner', async () => {
        await run('open("/hard.txt", "w").write("hard")\nx = 1');
        board.command('reset');
        assert.equal(await uart.readUntil('>>> ', 5000), BANNER);
        await uart.enterRawRepl();
        assert.equal(await run('import os\nprint(sorted(os.listdir()))'), "['hard.txt', 'soft.txt']\r\n");
        assert.match((await uart.exec('x'))[1], /NameError/);
        assert.equal(await run('import machine\nprint(machine.reset_cause() == machine.HARD_RESET)'), 'True\r\n');
    });

    test('survive machine.reset(), which behaves as a hard reset', async () => {
        await run('open("/machine.txt", "w").write("m")');
        uart.write('import machine\nmachine.reset()\x04');
        assert.equal(await uart.readUntil('>>> ', 5000), `OK${BANNER}`);
        await uart.enterRawRepl();
        assert.equal(await run('print(open("/machine.txt").read())'), 'm\r\n');
    });

    test('boot.py runs after every reset, main.py only when the friendly REPL follows', async () => {
        await run('open("/boot.py", "w").write("print(\'boot.py ran\')\\nfrom_boot = 1\\n")\n'
            + 'open("/main.py", "w").write("print(\'main.py ran\')\\n1/0\\n")');
        uart.write('\x04');
        assert.equal(await uart.readUntil('CTRL-B to exit\r\n>'),
            'OK\r\nMPY: soft reboot\r\nboot.py ran\r\nraw REPL; CTRL-B to exit\r\n>');
        assert.equal(await run('print(from_boot)'), '1\r\n');
        uart.write('\x02');
        await uart.readUntil('>>> ');
        uart.write('\x04');
        assert.equal(await uart.readUntil('>>> '), '\r\nMPY: soft reboot\r\nboot.py ran\r\nmain.py ran\r\n'
            + 'Traceback (most recent call last):\r\n  File "main.py", line 2, in <module>\r\n'
            + `ZeroDivisionError: divide by zero\r\n${BANNER}`);
        await uart.enterRawRepl();
        await run('import os\nos.remove("/boot.py")\nos.remove("/main.py")');
    });

    test('a main.py that never ends can be interrupted, and the REPL follows', async () => {
        await run('open("/main.py", "w").write("n = 0\\nwhile True:\\n    n += 1\\n")');
        uart.write('\x02');
        await uart.readUntil('>>> ');
        uart.write('\x04');
        await uart.readUntil('MPY: soft reboot\r\n');
        await uart.readFor(50);
        uart.write('\x03');
        assert.equal(await uart.readUntil('>>> '), 'Traceback (most recent call last):\r\n'
            + `  File "main.py", line 3, in <module>\r\nKeyboardInterrupt: \r\n${BANNER}`);
        uart.write('n > 0\r');
        assert.equal(await uart.readUntil('>>> '), 'n > 0\r\nTrue\r\n>>> ');
        await uart.enterRawRepl();
        await run('import os\nos.remove("/main.py")');
    });

    test('machine is a module of its own', async () => {
        assert.equal(await run('import machine, sys\nprint(machine, [n for n in dir(machine) if n.startswith("_b")])\n'
            + 'print([m for m in sys.modules if m.startswith("_b") or m.startswith("coll")])'),
        "<module 'machine'> []\r\n[]\r\n");
    });

    test('survive the replacement of an interpreter stuck in C, exactly as they were', async () => {
        await run('import os\nos.mkdir("/d1")\nf = open("/d1/log.txt", "w")\nw = f.write\nw("a" * 100)');
        for (let i = 0; i < 5; i++) {
            await run(`w("${String(i).repeat(300)}")`);
        }
        await run('f.close()\nf = open("/d1/log.txt", "ab")\nf.write(b"END")\nf.close()');
        await run('open("/gone.txt", "w").write("x")\nos.remove("/gone.txt")\nos.rename("/d1", "/d2")');
        const [expected] = await uart.exec('import os\nprint(sorted(os.listdir("/")), os.listdir("/d2"))\n'
            + 'print(open("/d2/log.txt").read())');
        uart.write('sum(range(10**9))\x04');
        await uart.readUntil('OK');
        await uart.readFor(50);
        uart.write('\x03');
        assert.equal(await uart.readUntil('\x04>', 3000), '\x04KeyboardInterrupt: \r\n\x04>');
        const [after] = await uart.exec('import os\nprint(sorted(os.listdir("/")), os.listdir("/d2"))\n'
            + 'print(open("/d2/log.txt").read())');
        assert.equal(after, expected);
        assert.match(after, /^\['d2', .*\] \['log\.txt'\]\r\na{100}0{300}1{300}2{300}3{300}4{300}END\r\n$/);
    });

    test('survive a hard reset while code runs', async () => {
        await run('open("/busy.txt", "w").write("busy")');
        uart.write('while True:\n    pass\x04');
        await uart.readUntil('OK');
        board.command('reset');
        assert.equal(await uart.readUntil('>>> ', 5000), BANNER);
        await uart.enterRawRepl();
        assert.equal(await run('print(open("/busy.txt").read())'), 'busy\r\n');
    });

    test('survive a hard reset of code that came in right behind the command that wrote them', async () => {
        // Both commands in one write: the worker never runs out of input between them.
        uart.write('open("/queued.txt", "w").write("queued")\x04while True:\n    pass\x04');
        assert.equal(await uart.readUntil('>OK', 5000), 'OK\x04\x04>OK');
        board.command('reset');
        assert.equal(await uart.readUntil('>>> ', 5000), BANNER);
        await uart.enterRawRepl();
        assert.equal(await run('print(open("/queued.txt").read())'), 'queued\r\n');
    });
});
