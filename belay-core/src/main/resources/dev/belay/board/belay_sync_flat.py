# Belay's file sync helpers for old firmware with a flat filesystem and no os.stat, os.rename,
# hashlib or binascii (the micro:bit's 1.9.2). Kept small: such a board has a few KB of heap.
import os as _belay_os, gc as _belay_gc
_belay_f, _belay_p = None, 0


def _belay_hash(path):
    # 32-bit FNV-1a; Belay computes the same on the host.
    f = open(path, 'rb')
    h = 0x811c9dc5
    while True:
        b = f.read(64)
        if not b:
            f.close()
            return h
        for c in b:
            h = ((h ^ c) * 0x01000193) & 0xffffffff


def _belay_ls(start):
    # A page of 12 files per call, one entry each ("size hash length name"): the listing of a full
    # board at once does not fit a few KB of heap. The name comes last, after its length, so that
    # any character in it (a newline, a space) is read back as it is. The total tells the host
    # whether to ask for more.
    names = _belay_os.listdir()
    s = ''
    for n in names[start:start + 12]:
        s += '%d %d %d %s\n' % (_belay_os.size(n), _belay_hash(n), len(n), n)
    names = len(names)
    _belay_gc.collect()
    return (s, names)


def _belay_open(path):
    global _belay_f, _belay_p
    if _belay_f:
        _belay_f.close()
    _belay_f = open(path, 'wb')
    _belay_p = 0
    _belay_gc.collect()


def _belay_w(data, end):
    # end: where the file ends after this piece. A piece that lost bytes on the way, or one sent
    # again, is refused before anything is written; _belay_p tells the host where to go on.
    global _belay_p
    if _belay_p + len(data) != end:
        raise ValueError('_belay_w at %d' % _belay_p)
    _belay_f.write(data)
    _belay_p = end
    # Collected now, between commands, so that the next command finds the free heap in one piece.
    _belay_gc.collect()


def _belay_remove(path):
    try:
        _belay_os.remove(path)
    except OSError:
        pass


def _belay_commit(tmp, path, size):
    global _belay_f
    _belay_f.close()
    _belay_f = None
    if _belay_os.size(tmp) != size:
        _belay_remove(tmp)
        raise OSError('wrote %d bytes of %d' % (_belay_os.size(tmp), size))
    # No rename: replace the file by a copy of the complete temporary file.
    _belay_remove(path)
    src = open(tmp, 'rb')
    dst = open(path, 'wb')
    while True:
        b = src.read(64)
        if not b:
            break
        dst.write(b)
    src.close()
    dst.close()
    _belay_remove(tmp)
    h = _belay_hash(path)
    _belay_gc.collect()
    return h


def _belay_done(path, size):
    # A new file written in place: nothing old to protect, so no temporary copy is needed.
    global _belay_f
    _belay_f.close()
    _belay_f = None
    if _belay_os.size(path) != size:
        raise OSError('wrote %d bytes of %d' % (_belay_os.size(path), size))
    h = _belay_hash(path)
    _belay_gc.collect()
    return h


def _belay_abort(tmp):
    global _belay_f
    if _belay_f:
        try:
            _belay_f.close()
        except OSError:
            pass
        _belay_f = None
    _belay_remove(tmp)
