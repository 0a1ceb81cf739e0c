// The main thread's copy of the board's files. The worker keeps the live file system; after each
// command that changed files it posts the changes here, so that an interpreter that has to be
// killed (a Ctrl-C it cannot honour, a hard reset while busy) comes back with its files.

export class FileMirror {
    constructor() {
        /** path -> {path, mtime, data?, size}; a directory has no data; data may have spare room. */
        this.files = new Map();
    }

    /** Applies a batch from the worker's ChangeTracker. */
    apply(changes) {
        for (const change of changes) {
            if (change.writes) {
                this.applyWrites(change);
                continue;
            }
            this.removeTree(change.path);
            for (const entry of change.entries ?? []) {
                this.files.set(entry.path, { ...entry, size: entry.data?.length });
            }
        }
    }

    applyWrites({ path, mtime, writes }) {
        const file = this.files.get(path) ?? { path, data: new Uint8Array(0), size: 0 };
        for (const { position, data } of writes) {
            const end = position + data.length;
            if (end > file.data.length) {
                const bigger = new Uint8Array(Math.max(end, 2 * file.data.length));
                bigger.set(file.data.subarray(0, file.size));
                file.data = bigger;
            }
            file.data.set(data, position);
            file.size = Math.max(file.size, end);
        }
        file.mtime = mtime;
        this.files.set(path, file);
    }

    removeTree(path) {
        this.files.delete(path);
        const prefix = `${path}/`;
        for (const key of this.files.keys()) {
            if (key.startsWith(prefix)) {
                this.files.delete(key);
            }
        }
    }

    /** Everything as {path, mtime, data?}, parents before children (a path sorts after its prefix). */
    entries() {
        return [...this.files.values()]
            .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
            .map(({ path, mtime, data, size }) => (data === undefined
                ? { path, mtime }
                : { path, mtime, data: data.slice(0, size) }));
    }
}
