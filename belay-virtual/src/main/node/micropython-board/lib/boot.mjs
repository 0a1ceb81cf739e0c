// How the worker brings up a fresh interpreter; shared by both threads.

export const BOOT = Object.freeze({
    /** Power-on or hard reset: boot.py, main.py, banner, friendly REPL. */
    POWER_ON: 'power-on',
    /** After "MPY: soft reboot": boot.py (main.py only in the friendly REPL), same REPL mode. */
    SOFT: 'soft',
    /** Replaces an interpreter that had to be killed to stop it: reports a KeyboardInterrupt. */
    INTERRUPTED: 'interrupted',
});

/** machine.reset_cause() values, as on the ESP32 port. */
export const RESET_CAUSE = Object.freeze({ POWER_ON: 1, HARD: 2 });
