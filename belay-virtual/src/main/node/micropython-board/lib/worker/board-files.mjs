// The board's flash: Emscripten's in-memory file system of the current interpreter, made to look
// like a board's (an empty "/"), copied into each fresh interpreter, and watched for changes so
// the main thread can keep a copy that outlives a terminated worker.

import { posix } from 'node:path';

const O_CREAT = 0o100;
const O_TRUNC = 0o1000;
const O_DIRECTORY = 0o200000;
const EMSCRIPTEN_EISDIR = 31;

/**
 * Makes Emscripten's file system look like a board's: removes /tmp, /home and /dev (the open stdio
 * streams keep working without their directory entries), hides /proc (a mount point, which cannot
 * be removed), and makes open() of a directory fail with EISDIR as it does on a board's file
 * system (POSIX lets a directory be opened for reading).
 */
export function makeBoardFileSystem(FS) {
    for (const name of ['tmp', 'home', 'dev']) {
        removeTree(FS, `/${name}`);
    }
    const proc = FS.lookupPath('/proc').node;
    FS.hashRemoveNode(proc);
    delete FS.root.contents.proc;
    wrap(FS, 'open', (original, path, flags, ...rest) => {
        if (typeof flags === 'number' && !(flags & O_DIRECTORY) && isDirectory(FS, path)) {
            throw new FS.ErrnoError(EMSCRIPTEN_EISDIR);
        }
        return original(path, flags, ...rest);
    });
}

function isDirectory(FS, path) {
    try {
        return typeof path === 'string' && FS.isDir(FS.stat(path).mode);
    } catch {
        return false;
    }
}

function removeTree(FS, path) {
    const node = FS.lookupPath(path).node;
    if (FS.isDir(node.mode)) {
        for (const name of FS.readdir(path)) {
            if (name !== '.' && name !== '..') {
                removeTree(FS, `${path}/${name}`);
            }
        }
        FS.rmdir(path);
    } else {
        FS.unlink(path);
    }
}

/**
 * Every file and directory under path as {path, mtime, data?}: directories have no data and come
 * before their contents. The data arrays are copies.
 */
export function listFiles(FS, path = '/') {
    const entries = [];
    const addChildren = (dir) => {
        for (const name of FS.readdir(dir)) {
            if (name !== '.' && name !== '..') {
                add(posix.join(dir, name));
            }
        }
    };
    const add = (p) => {
        const stat = FS.stat(p);
        const mtime = stat.mtime.getTime();
        if (FS.isDir(stat.mode)) {
            entries.push({ path: p, mtime });
            addChildren(p);
        } else {
            entries.push({ path: p, mtime, data: FS.readFile(p) });
        }
    };
    if (path === '/') {
        addChildren('/');
    } else {
        add(path);
    }
    return entries;
}

/** Writes entries (as listFiles makes them) into a file system. */
export function writeFiles(FS, entries) {
    for (const entry of entries) {
        if (entry.data === undefined) {
            if (!exists(FS, entry.path)) {
                FS.mkdir(entry.path);
            }
        } else {
            FS.writeFile(entry.path, entry.data);
        }
    }
    // Timestamps last: writing a file's contents would move its directory's time again.
    for (const entry of [...entries].reverse()) {
        FS.utime(entry.path, entry.mtime, entry.mtime);
    }
}

function exists(FS, path) {
    try {
        FS.lookupPath(path);
        return true;
    } catch {
        return false;
    }
}

/**
 * Records what Python changes, by wrapping the FS calls that Emscripten's syscalls make. A path
 * that was created, truncated, removed or renamed is sent whole; a file that was only written to
 * sends just the bytes written, so that a file uploaded in many small commands costs in total
 * what it weighs, not its size per command.
 */
export class ChangeTracker {
    constructor() {
        /** path -> WHOLE, or the writes since the last takeChanges(): {writes: [{position, data}], bytes}. */
        this.changed = new Map();
    }

    watch(FS) {
        this.FS = FS;
        const markWhole = (path) => this.changed.set(posix.normalize(path), WHOLE);
        wrap(FS, 'open', (original, path, flags, ...rest) => {
            const stream = original(path, flags, ...rest);
            if (typeof flags === 'number' && (flags & (O_CREAT | O_TRUNC))) {
                markWhole(FS.getPath(stream.node));
            }
            return stream;
        });
        wrap(FS, 'write', (original, stream, buffer, offset, length, position, ...rest) => {
            const written = original(stream, buffer, offset, length, position, ...rest);
            const start = position ?? stream.position - written; // appends move the position first
            this.noteWrite(FS.getPath(stream.node), start, buffer.subarray(offset, offset + written));
            return written;
        });
        for (const name of ['mkdir', 'rmdir', 'unlink']) {
            wrap(FS, name, (original, path, ...rest) => {
                const result = original(path, ...rest);
                markWhole(path);
                return result;
            });
        }
        wrap(FS, 'rename', (original, from, to) => {
            original(from, to);
            markWhole(from);
            markWhole(to);
        });
    }

    noteWrite(path, position, bytes) {
        let record = this.changed.get(path);
        if (record === WHOLE) {
            return;
        }
        if (record === undefined) {
            record = { writes: [], bytes: 0 };
            this.changed.set(path, record);
        }
        record.writes.push({ position, data: bytes.slice() });
        record.bytes += bytes.length;
        if (record.bytes > MAX_JOURNAL_BYTES) {
            this.changed.set(path, WHOLE); // rewritten over and over: cheaper to send it once
        }
    }

    hasChanges() {
        return this.changed.size > 0;
    }

    /**
     * The changes since the last call, parents first, ready to post: {path, removed},
     * {path, entries} (listFiles of the path) or {path, mtime, writes}. Empties the record.
     */
    takeChanges() {
        const paths = [...this.changed.keys()].sort((a, b) => a.length - b.length);
        const changes = paths.map((path) => {
            const record = this.changed.get(path);
            if (!exists(this.FS, path)) {
                return { path, removed: true };
            }
            if (record === WHOLE) {
                return { path, entries: listFiles(this.FS, path) };
            }
            return { path, mtime: this.FS.stat(path).mtime.getTime(), writes: record.writes };
        });
        this.changed.clear();
        return changes;
    }
}

const WHOLE = Symbol('whole');
const MAX_JOURNAL_BYTES = 1024 * 1024;

function wrap(target, name, replacement) {
    const original = target[name].bind(target);
    target[name] = (...args) => replacement(original, ...args);
}
