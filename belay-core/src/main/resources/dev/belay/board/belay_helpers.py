# Belay's helpers on the board, installed when a session starts and after every reset. Every name
# starts with _belay so that none clashes with the user's. Results travel after a marker that holds
# a nonce the user's code never sees, so nothing it prints can pass for a result.
import sys as _belay_sys

_belay_m = '\x1e_belay_@NONCE@'


def _belay_gf():
    yield


# type(...).__name__ is missing on old firmware: compare with a generator's type instead.
_belay_gt = type(_belay_gf())
_belay_g = {}
_belay_n = [0]
_belay_end = _belay_gf


def _belay_put(kind, text):
    if len(text) < 256:
        print(_belay_m + kind + text + '\x1f', end='')
    else:
        # Pieces, so that a small heap need not hold the text twice.
        print(_belay_m + kind, end='')
        print(text, end='')
        print('\x1f', end='')


def _belay_fail(e):
    print(_belay_m + 'E', end='')
    _belay_sys.print_exception(e)
    print('\x1f', end='')


def _belay_run(f):
    print('\x1e', end='')
    try:
        r = f()
    except BaseException as e:
        _belay_fail(e)
        return
    if r is _belay_end:
        _belay_put('S', '')
    elif isinstance(r, _belay_gt):
        _belay_n[0] += 1
        _belay_g[_belay_n[0]] = r
        _belay_put('G', str(_belay_n[0]))
    else:
        try:
            t = repr(r)
        except MemoryError as e:
            # A result too big for the heap is reported like any other failure.
            _belay_fail(e)
            return
        _belay_put('R', t)


def _belay_next(i):
    try:
        return next(_belay_g[i])
    except StopIteration:
        del _belay_g[i]
        return _belay_end
    except BaseException:
        del _belay_g[i]
        raise


def _belay_has(module):
    try:
        __import__(module)
        return True
    except ImportError:
        return False
