#!/usr/bin/env node
// A MicroPython 1.27 board in a process: the interpreter of the npm package
// @micropython/micropython-webassembly-pyscript behind a unix socket that behaves like the
// board's UART. See README.md for the contract.
//
//   node board.mjs --uart <socket-path> [--heap <bytes>] [--webrepl <port> --webrepl-password <pw>]

import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { BoardHost } from './lib/board-host.mjs';
import { UartServer } from './lib/uart-server.mjs';
import { loadWasmImage } from './lib/wasm-image.mjs';
import { passwordProblem, WebReplServer } from './lib/webrepl-server.mjs';

/** The interpreter's initial GC heap; like this port, it grows on demand. */
const DEFAULT_HEAP_BYTES = 256 * 1024;
/** All of the interpreter's memory (static data, C stack, heaps); allocations beyond fail. */
const MEMORY_LIMIT_BYTES = 256 * 1024 * 1024;

function log(message) {
    process.stderr.write(`micropython-board: ${message}\n`);
}

const USAGE = 'usage: node board.mjs --uart <unix-socket-path> [--heap <bytes>]'
    + ' [--webrepl <port> --webrepl-password <password>]';

function readOptions(argv) {
    const { values } = parseArgs({
        args: argv,
        options: {
            uart: { type: 'string' },
            heap: { type: 'string' },
            webrepl: { type: 'string' },
            'webrepl-password': { type: 'string' },
        },
        strict: true,
    });
    if (!values.uart) {
        throw new Error(USAGE);
    }
    const heapBytes = values.heap === undefined ? DEFAULT_HEAP_BYTES : Number(values.heap);
    if (!Number.isInteger(heapBytes) || heapBytes < 16 * 1024 || heapBytes > MEMORY_LIMIT_BYTES / 2) {
        throw new Error(`--heap must be a whole number of bytes from 16384 to ${MEMORY_LIMIT_BYTES / 2}`);
    }
    return { socketPath: values.uart, heapBytes, webrepl: readWebReplOptions(values) };
}

/** null without --webrepl. */
function readWebReplOptions(values) {
    const password = values['webrepl-password'];
    if (values.webrepl === undefined) {
        if (password !== undefined) {
            throw new Error(`--webrepl-password needs --webrepl; ${USAGE}`);
        }
        return null;
    }
    const port = /^\d+$/.test(values.webrepl) ? Number(values.webrepl) : NaN;
    if (!(port <= 65535)) {
        throw new Error('--webrepl must be a TCP port from 0 (any free one) to 65535');
    }
    if (password === undefined) {
        throw new Error(`--webrepl needs --webrepl-password; ${USAGE}`);
    }
    const problem = passwordProblem(password);
    if (problem !== null) {
        throw new Error(`--webrepl-password ${problem}`);
    }
    return { port, password };
}

/** machine.unique_id(): stable for a socket path, different between boards. */
function uniqueIdFor(socketPath) {
    return createHash('sha256').update(socketPath).digest().subarray(0, 8);
}

async function main() {
    const { socketPath, heapBytes, webrepl: webreplOptions } = readOptions(process.argv.slice(2));
    const image = await loadWasmImage({ memoryLimitBytes: MEMORY_LIMIT_BYTES });
    let uart = null;
    let webrepl = null;
    let shuttingDown = false;
    const host = new BoardHost({
        image,
        heapBytes,
        uniqueId: uniqueIdFor(socketPath),
        onOutput: (bytes) => {
            uart?.write(bytes);
            webrepl?.write(bytes);
        },
        onReset: () => webrepl?.dropSession(),
        onFatal: (error) => shutdown(70, error),
        log,
    });
    uart = new UartServer(socketPath, { onData: (bytes) => host.receive(bytes), log });
    if (webreplOptions) {
        webrepl = new WebReplServer({ ...webreplOptions, onData: (bytes) => host.receive(bytes), log });
    }

    async function shutdown(code, error) {
        if (shuttingDown) {
            return;
        }
        shuttingDown = true;
        if (error) {
            log(`fatal: ${error.stack ?? error}`);
        }
        uart.close();
        webrepl?.close();
        await host.stop();
        process.exit(code);
    }

    process.on('exit', () => uart.removeSocketFile());
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
        process.on(signal, () => shutdown(0));
    }

    await uart.listen();
    const webreplPort = await webrepl?.listen();
    await host.start();
    listenForControl(host, webrepl, shutdown);
    if (webrepl) {
        process.stdout.write(`WEBREPL ${webreplPort}\n`);
    }
    process.stdout.write(`READY ${socketPath}\n`);
}

/**
 * stdin carries one command per line; its end means whoever started us is gone. SIGUSR2 is the
 * board's reset button pressed from outside: `kill -USR2 <pid>` is what a reset action (a relay, a
 * USB hub's power) does to a real board. It answers nothing on stdout, which answers stdin.
 */
function listenForControl(host, webrepl, shutdown) {
    process.on('SIGUSR2', () => {
        log('hard reset (SIGUSR2)');
        host.hardReset().catch((e) => shutdown(70, e));
    });
    const lines = createInterface({ input: process.stdin, terminal: false });
    let webreplSwitch = Promise.resolve(); // on and off, one after the other
    lines.on('line', (line) => {
        const command = line.trim();
        if (command === 'reset') {
            // RESET tells whoever asked that the fresh interpreter is up, so it can go on.
            host.hardReset().then(() => process.stdout.write('RESET\n')).catch((e) => shutdown(70, e));
        } else if (command === 'quit') {
            shutdown(0);
        } else if (webrepl && (command === 'webrepl on' || command === 'webrepl off')) {
            webreplSwitch = webreplSwitch.then(() => switchWebRepl(webrepl, command === 'webrepl on'));
        } else if (command !== '') {
            log(`unknown command '${command}' (known: reset, quit${webrepl ? ', webrepl on, webrepl off' : ''})`);
        }
    });
    lines.on('close', () => shutdown(0));
}

/** WEBREPL ON once it accepts connections, WEBREPL OFF once the port is closed (or could not open). */
async function switchWebRepl(webrepl, on) {
    if (on) {
        try {
            await webrepl.listen();
        } catch (e) {
            log(`WebREPL: cannot listen on port ${webrepl.port}: ${e.message}`);
        }
    } else {
        await webrepl.stop();
    }
    process.stdout.write(webrepl.listening ? 'WEBREPL ON\n' : 'WEBREPL OFF\n');
}

main().catch((e) => {
    log(e.message ?? e);
    process.exit(64);
});
