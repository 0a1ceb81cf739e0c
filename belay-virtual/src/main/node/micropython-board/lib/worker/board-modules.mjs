// Python that makes the interpreter look like a board: a machine module, time.sleep that sleeps
// (and wakes on Ctrl-C), input() that reads the UART, os.uname(). Installed into every fresh
// interpreter before the REPL starts. It calls back into the worker through the JavaScript module
// `_board` (see board-worker.mjs), which is removed from sys.modules afterwards.

/** Source of the machine module; it is imported from a file so that it is a real module. */
export function machineModuleSource({ uniqueId, resetCause }) {
    const idLiteral = [...uniqueId].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
    return `PWRON_RESET = 1
HARD_RESET = 2
WDT_RESET = 3
DEEPSLEEP_RESET = 4
SOFT_RESET = 5


def _bind_reset():
    import _board

    def reset():
        _board.hard_reset()

    return reset


reset = _bind_reset()
del _bind_reset


def soft_reset():
    raise SystemExit


def reset_cause():
    return ${resetCause}


def unique_id():
    return b'${idLiteral}'


def freq(hz=None):
    if hz is None:
        return 150000000


def idle():
    pass


def disable_irq():
    return 0


def enable_irq(state=0):
    pass
`;
}

/** Compiled with the file name "<board>", which is what tracebacks through these show. */
export const SETUP_SOURCE = `import builtins, os, sys, time
import _board


def sleep(seconds):
    if _board.sleep_ms(seconds * 1000):
        raise KeyboardInterrupt


def sleep_ms(ms):
    if _board.sleep_ms(ms):
        raise KeyboardInterrupt


def sleep_us(us):
    if _board.sleep_ms(us / 1000):
        raise KeyboardInterrupt


for module in (time, __import__('utime')):
    try:
        module.sleep = sleep
        module.sleep_ms = sleep_ms
        module.sleep_us = sleep_us
    except (AttributeError, TypeError):
        pass


def input(prompt=''):
    line = _board.readline(str(prompt))
    if line is None:
        raise KeyboardInterrupt
    if line is False:
        raise EOFError
    return line


builtins.input = input


def make_uname():
    from collections import namedtuple
    version = sys.version.split('; ')[-1].replace('MicroPython ', '')
    result = namedtuple('uname_result', ('sysname', 'nodename', 'release', 'version', 'machine'))(
        sys.platform, sys.platform, '.'.join(str(n) for n in sys.implementation.version[:3]),
        version, sys.implementation._machine)
    return lambda: result


os.uname = make_uname()


def make_file_listing(stat, ilistdir):
    # A board's file system (FAT, littlefs) reports a directory's size as 0 and lists each entry
    # as (name, type, inode, size); Emscripten's says 4096 and leaves the size out, so tools that
    # list files (mpremote's fs ls) showed 0 for every file.
    def board_stat(path):
        result = stat(path)
        if result[0] & 0x4000:
            result = result[:6] + (0,) + result[7:]
        return result

    def board_ilistdir(path='.'):
        separator = b'/' if isinstance(path, bytes) else '/'
        folder = path if path.endswith(separator) else path + separator
        for entry in ilistdir(path):
            size = 0 if entry[1] & 0x4000 else stat(folder + entry[0])[6]
            yield (entry[0], entry[1], entry[2], size)

    return board_stat, board_ilistdir


os.stat, os.ilistdir = make_file_listing(os.stat, os.ilistdir)
# A board's sys.modules holds only what the user imported.
for name in list(sys.modules):
    if name == '_board' or name.startswith('collections'):
        sys.modules.pop(name)
`;
