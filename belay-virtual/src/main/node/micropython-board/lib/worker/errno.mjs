// Emscripten numbers errno values as WASI does (ENOENT is 44, EACCES is 2), while MicroPython's
// own table (errno module, "[Errno 2] ENOENT" in messages) and every real board use Linux
// numbers. Syscall results are renumbered on their way into the interpreter.

// Index: WASI/Emscripten errno; value: the Linux errno.
const WASI_TO_LINUX = [
    0, 7, 13, 98, 99, 97, 11, 114, 9, 74, //        0 - 9: -, E2BIG, EACCES, EADDRINUSE, ...
    16, 125, 10, 103, 111, 104, 35, 89, 33, 122, // 10 - 19: EBUSY ... EDQUOT
    17, 14, 27, 113, 43, 84, 115, 27, 22, 5, //     20 - 29: EEXIST ... EINTR (see below), EINVAL, EIO
    106, 21, 40, 24, 31, 90, 72, 36, 100, 102, //   30 - 39: EISCONN, EISDIR ... ENETRESET
    101, 23, 105, 19, 2, 8, 37, 67, 12, 42, //      40 - 49: ENETUNREACH ... ENOENT ... ENOMSG
    92, 28, 38, 107, 20, 39, 131, 88, 95, 25, //    50 - 59: ENOPROTOOPT, ENOSPC ... ENOTTY
    6, 75, 130, 1, 32, 71, 93, 91, 34, 30, //       60 - 69: ENXIO ... EPERM ... EROFS
    29, 3, 116, 110, 26, 18, //                     70 - 75: ESPIPE ... EXDEV
];

/**
 * EINTR stays the libc's (Emscripten's) 27: the interpreter compares errno with it to retry an
 * interrupted read, raising a pending KeyboardInterrupt on the way. It never reaches Python.
 */
export const LIBC_EINTR = 27;
WASI_TO_LINUX[LIBC_EINTR] = LIBC_EINTR;
// EFBIG is Linux 27 too, which would then read as EINTR and be retried for ever; Emscripten's
// in-memory file system never raises it, but should it, EINVAL is the safer answer.
const WASI_EFBIG = 22;
WASI_TO_LINUX[WASI_EFBIG] = 22;

export function toLinuxErrno(errno) {
    return errno > 0 && errno < WASI_TO_LINUX.length ? WASI_TO_LINUX[errno] : errno;
}
