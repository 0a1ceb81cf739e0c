// input() as a board's readline does it: echo what is typed, backspace erases, Enter ends the
// line. The package's own input() reads a constant 0 forever; this one reads the UART.

const CTRL_C = 0x03;
const CTRL_D = 0x04;
const CTRL_E = 0x05;
const BACKSPACE = 0x08;
const CR = 0x0d;
const ESC = 0x1b;
const DEL = 0x7f;

/** What readLine returns instead of text: the Python side raises on these. */
export const INTERRUPTED = null;
export const END_OF_INPUT = false;

/**
 * Reads one line for input(prompt). Returns the text, INTERRUPTED (Ctrl-C: KeyboardInterrupt) or
 * END_OF_INPUT (Ctrl-D on an empty line: EOFError). Cursor keys and history are not supported;
 * their escape sequences are swallowed.
 */
export function readLine(uart, prompt) {
    uart.write(Buffer.from(prompt, 'utf8'));
    const line = [];
    let escape = 0;
    for (;;) {
        const c = uart.nextByteOrInterrupt();
        if (c < 0 || c === CTRL_C) {
            uart.clearInterrupt();
            return INTERRUPTED;
        }
        if (escape > 0) {
            escape = escapeState(escape, c);
            continue;
        }
        if (line.length === 0 && c >= 0x01 && c <= CTRL_E) {
            // readline hands a control character on an empty line back to input().
            return c === CTRL_D ? END_OF_INPUT : '';
        }
        if (c === CR) {
            uart.write(Buffer.from('\r\n'));
            return Buffer.from(line).toString('utf8');
        }
        if (c === BACKSPACE || c === DEL) {
            if (line.length > 0) {
                line.pop();
                uart.write(Buffer.from('\b\x1b[K'));
            }
        } else if (c === ESC) {
            escape = 1;
        } else if (c >= 0x20 && c <= 0x7e) {
            line.push(c);
            uart.write(Uint8Array.of(c));
        }
    }
}

// ESC [ A, ESC [ 3 ~, ESC O H: skip up to the final byte of the sequence.
function escapeState(state, c) {
    if (state === 1) {
        return c === 0x5b || c === 0x4f ? 2 : 0;
    }
    return c >= 0x30 && c <= 0x39 ? 2 : 0;
}
