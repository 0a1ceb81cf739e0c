// The board's WebREPL, as its firmware serves it (micropython-lib webrepl.py, extmod/modwebrepl.c,
// extmod/modwebsocket.c): a minimal WebSocket server on TCP, one client at a time, a password
// prompt, then the client is a REPL terminal beside the UART (os.dupterm). Written on node:net on
// purpose: it answers byte for byte as the board does, not as a full WebSocket server would.

import { createHash } from 'node:crypto';
import { createServer } from 'node:net';

const HOST = '127.0.0.1';
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const PASSWORD_PROMPT = Buffer.from('Password: ', 'latin1');
const CONNECTED_PROMPT = Buffer.from('\r\nWebREPL connected\r\n>>> ', 'latin1');
const DENIED_PROMPT = Buffer.from('\r\nAccess denied\r\n', 'latin1');
/** What webrepl.py's send_html() answers to a request that is no WebSocket upgrade. */
const HTML_PAGE = Buffer.from('HTTP/1.0 200 OK\r\n\r\n<base href="https://micropython.org/webrepl/"></base>\r\n'
    + '<script src="webrepl_content.js"></script>\r\n', 'latin1');
/**
 * An empty close frame. The firmware means to send these bytes in answer to a close frame, but
 * its websocket_write() wraps them in a text frame (81 02 88 00); we send a real one.
 */
const CLOSE_FRAME = Buffer.from([0x88, 0x00]);

/** The board keeps this many typed password characters; the password itself is one shorter at most. */
const PASSWORD_TYPED_MAX = 10;
export const PASSWORD_MAX_BYTES = PASSWORD_TYPED_MAX - 1;
/** The board sends frames with at most a 16-bit extended length. */
const FRAME_PAYLOAD_MAX = 0xffff;
const HEADERS_MAX_BYTES = 16 * 1024;
/** A connection we ended is destroyed if the client does not hang up within this time. */
const LINGER_MS = 2000;

const OPCODE = Object.freeze({ CONTINUATION: 0, TEXT: 1, BINARY: 2, CLOSE: 8, PING: 9, PONG: 10 });
const CR = 0x0d;
const LF = 0x0a;

/** Why a password cannot be used, or null: 1 to 9 bytes (UTF-8), and nothing a client cannot type. */
export function passwordProblem(password) {
    const length = Buffer.byteLength(password ?? '', 'utf8');
    if (length < 1 || length > PASSWORD_MAX_BYTES) {
        return `must be 1 to ${PASSWORD_MAX_BYTES} characters (bytes in UTF-8)`;
    }
    if (/[\r\n\0]/.test(password)) {
        return 'must not contain CR, LF or NUL';
    }
    return null;
}

export class WebReplServer {
    /**
     * port: the TCP port on 127.0.0.1 (0 picks a free one at the first listen(), kept afterwards).
     * password: 1 to 9 characters (see passwordProblem). onData(bytes): what the logged-in client
     * types (payload of its text frames), for the board's input. log(message): diagnostics.
     */
    constructor({ port, password, onData, log }) {
        const problem = passwordProblem(password);
        if (problem !== null) {
            throw new Error(`the WebREPL password ${problem}`);
        }
        this.port = port;
        this.password = Buffer.from(password, 'utf8');
        this.onData = onData;
        this.log = log;
        this.server = null;
        this.connections = new Set();
        /** The one client logging in or logged in. */
        this.session = null;
    }

    get listening() {
        return this.server !== null;
    }

    /** Starts accepting connections (again); resolves with the port. */
    async listen() {
        if (this.server === null) {
            const server = createServer((socket) => this.accept(server, socket));
            await new Promise((resolve, reject) => {
                server.once('error', reject);
                server.listen(this.port, HOST, () => {
                    server.off('error', reject);
                    resolve();
                });
            });
            server.on('error', (e) => this.log(`WebREPL: ${e.message}`));
            this.server = server;
            this.port = server.address().port;
        }
        return this.port;
    }

    /**
     * Stops listening and ends every connection without a close frame, as webrepl.stop() or the
     * network going away would; resolves once the port is free.
     */
    async stop() {
        const server = this.server;
        this.server = null;
        this.destroyConnections();
        if (server !== null) {
            await new Promise((resolve) => server.close(() => resolve()));
        }
    }

    /** On exit: everything closed at once. */
    close() {
        this.destroyConnections();
        this.server?.close();
        this.server = null;
    }

    destroyConnections() {
        for (const connection of this.connections) {
            connection.destroy();
        }
        this.session = null;
    }

    /** Board output: to the logged-in client, if any. */
    write(bytes) {
        this.session?.writeOutput(bytes);
    }

    /** The board resets: the session (logged in or logging in) gets a close frame and is ended. */
    dropSession() {
        const session = this.session;
        this.session = null;
        session?.hangUp(CLOSE_FRAME);
    }

    accept(server, socket) {
        if (server !== this.server) { // stopped meanwhile
            socket.destroy();
            return;
        }
        const connection = new WebReplConnection(socket, this);
        this.connections.add(connection);
        socket.once('close', () => {
            this.connections.delete(connection);
            if (this.session === connection) {
                this.session = null;
            }
        });
    }

    /** A client completed the handshake: it may log in if nobody else is (or is logging in). */
    claimSession(connection) {
        if (this.session !== null) {
            return false;
        }
        this.session = connection;
        return true;
    }

    releaseSession(connection) {
        if (this.session === connection) {
            this.session = null;
        }
    }

    passwordMatches(typed) {
        return Buffer.from(typed).equals(this.password);
    }
}

/** One TCP connection: HTTP upgrade, then WebSocket frames; password, then REPL. */
class WebReplConnection {
    constructor(socket, server) {
        this.socket = socket;
        this.server = server;
        this.log = server.log;
        this.state = 'http'; // http, waiting (for the session), password, repl, closed
        this.pending = Buffer.alloc(0); // unparsed input (headers, or a frame header)
        this.typed = []; // password bytes so far
        this.frame = null; // the frame whose payload is arriving: {opcode, remaining, mask, maskAt}
        this.messageOpcode = OPCODE.TEXT; // what continuation frames continue
        socket.setNoDelay(true);
        socket.on('data', (bytes) => this.receive(bytes));
        socket.on('error', (e) => this.log(`WebREPL client: ${e.message}`));
        socket.on('end', () => this.ended());
    }

    receive(bytes) {
        if (this.state === 'closed') {
            return;
        }
        this.pending = this.pending.length === 0 ? bytes : Buffer.concat([this.pending, bytes]);
        if (this.state === 'http') {
            this.readRequest();
        } else if (this.state !== 'waiting') {
            this.readFrames();
        }
    }

    /** The client hung up (FIN): a board's socket reads EOF, dupterm lets go of it. */
    ended() {
        this.state = 'closed';
        this.server.releaseSession(this);
        this.socket.end();
    }

    // ---- the HTTP upgrade, as webrepl.py's server_handshake() -------------------------------

    readRequest() {
        const end = this.pending.indexOf('\r\n\r\n');
        if (end < 0) {
            if (this.pending.length > HEADERS_MAX_BYTES) {
                this.log('WebREPL: request headers too long');
                this.hangUp(HTML_PAGE);
            }
            return;
        }
        const head = this.pending.subarray(0, end + 2);
        this.pending = this.pending.subarray(end + 4);
        // The request line is skipped; header names and values are matched exactly as the board
        // does (case-sensitive, values stripped).
        let key = null;
        let upgrade = false;
        let websocket = false;
        for (const line of head.toString('latin1').split('\r\n').slice(1, -1)) {
            const colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            const name = line.slice(0, colon).trim();
            const value = line.slice(colon + 1).trim();
            if (name === 'Sec-WebSocket-Key') {
                key = value;
            } else if (name === 'Connection' && value.includes('Upgrade')) {
                upgrade = true;
            } else if (name === 'Upgrade' && value === 'websocket') {
                websocket = true;
            }
        }
        if (!(upgrade && websocket && key)) {
            this.hangUp(HTML_PAGE);
            return;
        }
        const accept = createHash('sha1').update(key, 'latin1').update(WEBSOCKET_GUID).digest('base64');
        this.socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
            + `Sec-WebSocket-Accept: ${accept}\r\n\r\n`);
        this.state = 'waiting';
        if (!this.server.claimSession(this)) {
            // A client that just hung up may not have been noticed yet: its end-of-file can be
            // queued behind this request. Decide once the pending I/O events have been handled.
            setImmediate(() => {
                if (this.state !== 'waiting') {
                    return;
                }
                if (this.server.claimSession(this)) {
                    this.startLogin();
                } else {
                    this.log('WebREPL: refused a second client');
                    this.hangUp();
                }
            });
            return;
        }
        this.startLogin();
    }

    startLogin() {
        this.state = 'password';
        this.sendText(PASSWORD_PROMPT);
        this.readFrames(); // what came with the request
    }

    // ---- frames from the client ------------------------------------------------------------

    readFrames() {
        while (this.state === 'password' || this.state === 'repl') {
            if (this.frame === null && !this.readFrameHeader()) {
                return;
            }
            const frame = this.frame;
            const count = Math.min(frame.remaining, this.pending.length);
            if (count > 0) {
                const payload = this.pending.subarray(0, count);
                this.pending = this.pending.subarray(count);
                frame.remaining -= count;
                this.payload(frame, unmask(payload, frame));
            }
            if (frame.remaining > 0) {
                return;
            }
            this.frame = null;
            if (frame.opcode === OPCODE.CLOSE) {
                // An empty close frame back, then the connection ends (as the board, but see CLOSE_FRAME).
                this.server.releaseSession(this);
                this.hangUp(CLOSE_FRAME);
            }
        }
    }

    /** Takes a complete frame header from pending into this.frame; false if more bytes are needed. */
    readFrameHeader() {
        const p = this.pending;
        if (p.length < 2) {
            return false;
        }
        const masked = (p[1] & 0x80) !== 0;
        const length7 = p[1] & 0x7f;
        let at = 2;
        let length = length7;
        const lengthBytes = length7 === 126 ? 2 : length7 === 127 ? 8 : 0;
        if (p.length < at + lengthBytes + (masked ? 4 : 0)) {
            return false;
        }
        if (lengthBytes === 2) {
            length = p.readUInt16BE(at);
        } else if (lengthBytes === 8) {
            length = Number(p.readBigUInt64BE(at));
        }
        at += lengthBytes;
        // Unmasked frames are taken as they are, as the board does.
        const mask = masked ? Buffer.from(p.subarray(at, at + 4)) : null;
        at += masked ? 4 : 0;
        this.pending = p.subarray(at);
        let opcode = p[0] & 0x0f;
        if (opcode === OPCODE.CONTINUATION) {
            opcode = this.messageOpcode;
        } else if (opcode < OPCODE.CLOSE) {
            this.messageOpcode = opcode;
            if (opcode === OPCODE.BINARY) {
                this.log('WebREPL: binary frames (file transfer) are not supported; ignored');
            }
        }
        this.frame = { opcode, remaining: length, mask, maskAt: 0 };
        return true;
    }

    /** Payload bytes of a frame, as they arrive. Only text frames mean anything (pings get no pong). */
    payload(frame, bytes) {
        if (frame.opcode !== OPCODE.TEXT) {
            return;
        }
        if (this.state === 'password') {
            bytes = this.typePassword(bytes);
        }
        if (this.state === 'repl' && bytes.length > 0) {
            this.server.onData(bytes);
        }
    }

    /**
     * As modwebrepl.c: keeps the first 10 characters typed, no echo; CR or LF ends the entry. What
     * follows it in the same frame is REPL input already. Returns that rest.
     */
    typePassword(bytes) {
        for (let i = 0; i < bytes.length; i++) {
            const c = bytes[i];
            if (c !== CR && c !== LF) {
                if (this.typed.length < PASSWORD_TYPED_MAX) {
                    this.typed.push(c);
                }
                continue;
            }
            if (!this.server.passwordMatches(this.typed)) {
                this.sendText(DENIED_PROMPT);
                this.server.releaseSession(this);
                this.hangUp(); // the board closes the socket: no close frame
                return Buffer.alloc(0);
            }
            this.state = 'repl';
            this.sendText(CONNECTED_PROMPT);
            return bytes.subarray(i + 1);
        }
        return Buffer.alloc(0);
    }

    // ---- frames to the client --------------------------------------------------------------

    /** Board output, once logged in: raw bytes (not always valid UTF-8) in text frames. */
    writeOutput(bytes) {
        if (this.state === 'repl') {
            this.sendText(bytes);
        }
    }

    sendText(bytes) {
        if (this.socket.writableEnded || this.socket.destroyed) {
            return;
        }
        for (let from = 0; from < bytes.length; from += FRAME_PAYLOAD_MAX) {
            const chunk = bytes.subarray(from, from + FRAME_PAYLOAD_MAX);
            const header = chunk.length < 126
                ? Buffer.from([0x80 | OPCODE.TEXT, chunk.length])
                : Buffer.from([0x80 | OPCODE.TEXT, 126, chunk.length >> 8, chunk.length & 0xff]);
            this.socket.write(Buffer.concat([header, chunk]));
        }
    }

    /** Sends these last bytes (if any), then ends the TCP stream; input from now on is ignored. */
    hangUp(last) {
        this.state = 'closed';
        if (this.socket.writableEnded || this.socket.destroyed) {
            return;
        }
        this.socket.end(last);
        setTimeout(() => this.socket.destroy(), LINGER_MS).unref();
    }

    destroy() {
        this.state = 'closed';
        this.socket.destroy();
    }
}

/** Unmasks payload bytes in place (a copy: the chunk may be shared), continuing the mask. */
function unmask(bytes, frame) {
    if (frame.mask === null) {
        return bytes;
    }
    const out = Buffer.from(bytes);
    for (let i = 0; i < out.length; i++) {
        out[i] ^= frame.mask[(frame.maskAt + i) & 3];
    }
    frame.maskAt = (frame.maskAt + out.length) & 3;
    return out;
}
