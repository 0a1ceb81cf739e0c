// The board's flash: Emscripten's in-memory file system of the current interpreter, made to look
// like a board's (an empty "/"), copied into each fresh interpreter, and watched for changes so
// the main thread can keep a copy that outlives a terminated worker.

import { posix } from 'node:path';

const O_CREAT = 0o100;
const O_TRUNC = 0o1000;

/**
 * Removes Emscripten's /tmp, /home and /dev (the open stdio streams keep working without their
 * directory entries) and hides /proc, which is a mount point and cannot be removed.
 */
export function makeBoardRoot(FS) {
    for (const name of ['tmp', 'home', 'dev']) {
        removeTree(FS, `/${name}`);
    }
    const proc = FS.lookupPath('/proc').node;
    FS.hashRemoveNode(proc);
    delete FS.root.contents.proc;
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
 * Records the paths that Python changes, by wrapping the FS calls that Emscripten's syscalls make.
 * changes() turns them into {path, removed} / listFiles entries, parents first.
 */
export class ChangeTracker {
    constructor(dirty = new Set()) {
        this.dirty = dirty;
    }

    watch(FS) {
        this.FS = FS;
        const mark = (path) => this.dirty.add(posix.normalize(path));
        const markNode = (node) => this.dirty.add(FS.getPath(node));
        wrap(FS, 'open', (original, path, flags, ...rest) => {
            const stream = original(path, flags, ...rest);
            if (typeof flags === 'number' && (flags & (O_CREAT | O_TRUNC))) {
                markNode(stream.node);
            }
            return stream;
        });
        wrap(FS, 'write', (original, stream, ...rest) => {
            const written = original(stream, ...rest);
            markNode(stream.node);
            return written;
        });
        for (const name of ['mkdir', 'rmdir', 'unlink']) {
            wrap(FS, name, (original, path, ...rest) => {
                const result = original(path, ...rest);
                mark(path);
                return result;
            });
        }
        wrap(FS, 'rename', (original, from, to) => {
            original(from, to);
            mark(from);
            mark(to);
        });
    }

    hasChanges() {
        return this.dirty.size > 0;
    }

    /** The changes since the last call, ready to post; empties the record. */
    takeChanges() {
        const paths = [...this.dirty].sort((a, b) => a.length - b.length);
        this.dirty.clear();
        return paths.map((path) => (exists(this.FS, path)
            ? { path, entries: listFiles(this.FS, path) }
            : { path, removed: true }));
    }
}

function wrap(target, name, replacement) {
    const original = target[name].bind(target);
    target[name] = (...args) => replacement(original, ...args);
}
