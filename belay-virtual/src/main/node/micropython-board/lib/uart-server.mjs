// The board's UART as a unix socket: one client at a time, like one cable. Output while nobody
// is connected is lost; the board keeps running between clients.

import { createServer } from 'node:net';
import { rmSync } from 'node:fs';

export class UartServer {
    constructor(path, { onData, log }) {
        this.path = path;
        this.onData = onData;
        this.log = log;
        this.client = null;
        this.server = createServer((socket) => this.accept(socket));
    }

    async listen() {
        rmSync(this.path, { force: true }); // a stale socket from a killed run
        await new Promise((resolve, reject) => {
            this.server.once('error', reject);
            this.server.listen(this.path, () => {
                this.server.off('error', reject);
                resolve();
            });
        });
    }

    accept(socket) {
        if (this.client === null) {
            this.adopt(socket);
            return;
        }
        // A client that just hung up may not have been noticed yet: its end-of-file can be queued
        // behind this connection. Decide once the pending I/O events have been handled.
        setImmediate(() => {
            if (this.client === null) {
                this.adopt(socket);
            } else {
                this.log('refused a second client');
                socket.destroy();
            }
        });
    }

    adopt(socket) {
        this.client = socket;
        const gone = () => {
            if (this.client === socket) {
                this.client = null;
            }
        };
        socket.on('data', (bytes) => this.onData(bytes));
        socket.on('end', gone);
        socket.on('close', gone);
        socket.on('error', (e) => this.log(`client: ${e.message}`));
    }

    write(bytes) {
        if (this.client !== null && !this.client.destroyed) {
            this.client.write(bytes);
        }
    }

    close() {
        this.client?.destroy();
        this.server.close();
        this.removeSocketFile();
    }

    removeSocketFile() {
        rmSync(this.path, { force: true });
    }
}
