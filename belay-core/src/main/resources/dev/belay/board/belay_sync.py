# Belay's file sync helpers, installed by the first sync of a session. They probe for what the
# firmware has (os.stat, os.rename, hashlib, binascii): old firmware has none of them.
import os as _belay_os
try:
    import hashlib as _belay_hl
    _belay_hl.sha256
except (ImportError, AttributeError):
    _belay_hl = None
try:
    import binascii as _belay_ba
    # A binascii written in Python (it has a __file__) decodes slower than the parser reads escaped
    # bytes literals; one in C decodes base64 faster than a literal three times its size travels.
    _belay_b64 = None if hasattr(_belay_ba, '__file__') else _belay_ba.a2b_base64
except ImportError:
    _belay_b64 = None


def _belay_caps():
    return (hasattr(_belay_os, 'stat'), hasattr(_belay_os, 'rename'), _belay_hl is not None,
            _belay_b64 is not None)


def _belay_hash(path):
    f = open(path, 'rb')
    try:
        if _belay_hl:
            h = _belay_hl.sha256()
            while True:
                b = f.read(512)
                if not b:
                    return h.digest()
                h.update(b)
        # 32-bit FNV-1a, for firmware without hashlib.
        h = 0x811c9dc5
        while True:
            b = f.read(128)
            if not b:
                return h
            for c in b:
                h = ((h ^ c) * 0x01000193) & 0xffffffff
    finally:
        f.close()


def _belay_isdir(path):
    if not hasattr(_belay_os, 'stat'):
        return False
    return _belay_os.stat(path)[0] & 0x4000 != 0


def _belay_size(path):
    if hasattr(_belay_os, 'stat'):
        return _belay_os.stat(path)[6]
    return _belay_os.size(path)


def _belay_join(folder, name):
    if not folder:
        return name
    return folder + name if folder.endswith('/') else folder + '/' + name


def _belay_walk(folder, out):
    try:
        names = _belay_os.listdir(folder) if folder else _belay_os.listdir()
    except OSError:
        return
    for name in names:
        path = _belay_join(folder, name)
        if _belay_isdir(path):
            out.append((path, -1, None))
            _belay_walk(path, out)
        else:
            out.append((path, _belay_size(path), _belay_hash(path)))


def _belay_tree(folder):
    if not hasattr(_belay_os, 'stat'):
        # A flat filesystem (old firmware): its listdir takes no folder.
        folder = ''
    out = []
    _belay_walk(folder, out)
    return (_belay_caps(), out)


def _belay_mkdir(path):
    try:
        _belay_os.mkdir(path)
    except OSError as e:
        if not _belay_isdir(path):
            raise e


_belay_f = None
_belay_p = 0


def _belay_open(path):
    global _belay_f, _belay_p
    if _belay_f:
        _belay_f.close()
    _belay_f = open(path, 'wb')
    _belay_p = 0


def _belay_w(data, end):
    # end: where the file ends after this piece. A piece that lost bytes on the way, or one sent
    # again, is refused before anything is written; _belay_p tells the host where to go on.
    global _belay_p
    if _belay_p + len(data) != end:
        raise ValueError('_belay_w at %d' % _belay_p)
    _belay_f.write(data)
    _belay_p = end


def _belay_wb(text, end):
    _belay_w(_belay_b64(text), end)


def _belay_remove(path):
    try:
        _belay_os.remove(path)
    except OSError:
        pass


def _belay_copy(source, target):
    src = open(source, 'rb')
    dst = open(target, 'wb')
    try:
        while True:
            b = src.read(256)
            if not b:
                break
            dst.write(b)
    finally:
        src.close()
        dst.close()


def _belay_commit(tmp, path, size):
    global _belay_f
    _belay_f.close()
    _belay_f = None
    if _belay_size(tmp) != size:
        _belay_remove(tmp)
        raise OSError('wrote %d bytes of %d to %s' % (_belay_size(tmp), size, tmp))
    if hasattr(_belay_os, 'rename'):
        _belay_os.rename(tmp, path)
    else:
        # No rename on this firmware: replace the file by a copy of the complete temporary file.
        _belay_remove(path)
        _belay_copy(tmp, path)
        _belay_remove(tmp)
    return _belay_hash(path)


def _belay_done(path, size):
    # A new file written in place where there is no rename: nothing old to protect, and a copy
    # would need room for the file twice.
    global _belay_f
    _belay_f.close()
    _belay_f = None
    if _belay_size(path) != size:
        raise OSError('wrote %d bytes of %d to %s' % (_belay_size(path), size, path))
    return _belay_hash(path)


def _belay_abort(tmp):
    global _belay_f
    if _belay_f:
        try:
            _belay_f.close()
        except OSError:
            pass
        _belay_f = None
    _belay_remove(tmp)


def _belay_rmdir(path):
    _belay_os.rmdir(path)
