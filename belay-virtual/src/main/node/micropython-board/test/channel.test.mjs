// The byte rings under two threads at full speed: random chunk sizes, a producer that refills the
// very moment a byte is free, wraparound of the 64 KiB ring and of the 32-bit positions, and every
// byte checked. (A consumer that gives a slot back before it has read it loses bytes here.)

import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { describe, test } from 'node:test';
import { createChannelBuffer, openChannel, SLOT } from '../lib/channel.mjs';

const CHANNEL_URL = new URL('../lib/channel.mjs', import.meta.url).href;

/** The byte at stream position i: 251 is prime, so a byte from a lap (64 KiB) later differs. */
const CONSUMER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.channelUrl).then(({ openChannel }) => {
    const { sab, ringName, total, mode, doneBuffer } = workerData;
    const done = new Int32Array(doneBuffer);
    const ring = openChannel(sab)[ringName];
    let i = 0;
    let bad = -1;
    let seed = 12345;
    while (i < total && bad < 0) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        if (mode === 'takeAll' || (mode === 'mixed' && (seed & 1))) {
            const bytes = ring.takeAll();
            if (bytes === null) continue;
            for (let k = 0; k < bytes.length; k++, i++) {
                if (bytes[k] !== i % 251) { bad = i; break; }
            }
        } else {
            const b = ring.takeByte();
            if (b < 0) continue;
            if (b !== i % 251) { bad = i; }
            i++;
        }
    }
    Atomics.store(done, 0, 1);
    parentPort.postMessage({ received: i, bad });
});
`;

async function stress({ ringName, start, total, mode }) {
    const sab = createChannelBuffer();
    const channel = openChannel(sab);
    const writeSlot = ringName === 'input' ? SLOT.INPUT_WRITE : SLOT.OUTPUT_WRITE;
    const readSlot = ringName === 'input' ? SLOT.INPUT_READ : SLOT.OUTPUT_READ;
    Atomics.store(channel.control, writeSlot, start | 0);
    Atomics.store(channel.control, readSlot, start | 0);
    const ring = channel[ringName];
    const done = new Int32Array(new SharedArrayBuffer(4)); // set by the consumer when it stops
    const worker = new Worker(CONSUMER_SOURCE, {
        eval: true,
        workerData: { sab, ringName, total, mode, channelUrl: CHANNEL_URL, doneBuffer: done.buffer },
    });
    const result = new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
    });
    // The producer: random chunks; when the ring is full it puts again as soon as anything is free.
    const chunk = new Uint8Array(100000);
    let sent = 0;
    let seed = 987654321;
    const finished = () => Atomics.load(done, 0) === 1;
    result.catch(() => Atomics.store(done, 0, 1));
    while (sent < total && !finished()) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        const size = Math.min(total - sent, 1 + (seed % (seed & 0x100 ? 70000 : 300)));
        for (let k = 0; k < size; k++) {
            chunk[k] = (sent + k) % 251;
        }
        let from = 0;
        while (from < size && !finished()) {
            from += ring.put(chunk.subarray(0, size), from);
        }
        sent += from;
    }
    const { received, bad } = await result;
    await worker.terminate();
    assert.equal(bad, -1, `byte ${bad} of the stream is wrong (started at position ${start})`);
    assert.equal(received, total);
    assert.equal(Atomics.load(channel.control, readSlot), Atomics.load(channel.control, writeSlot));
}

describe('ByteRing with two threads', () => {
    const total = 12 * 1024 * 1024; // 192 laps of the ring per test
    for (const mode of ['takeByte', 'takeAll', 'mixed']) {
        test(`${mode}: every byte arrives, in order, from position 0`, async () => {
            await stress({ ringName: 'input', start: 0, total, mode });
        });
        test(`${mode}: across the 2^31 position wrap`, async () => {
            await stress({ ringName: 'output', start: 0x7fffffff - 3 * 65536 - 17, total, mode });
        });
        test(`${mode}: across the 2^32 position wrap`, async () => {
            await stress({ ringName: 'input', start: -5 * 65536 - 5, total, mode });
        });
    }
});
