/**
 * Belay's internals: nothing here is API, and any of it may change in any release.
 *
 * <p>The types under {@code dev.belay.internal} are public only because {@code dev.belay} (the
 * device layer) and the transports use them across package boundaries. The layers, bottom up:
 * {@code internal.repl} is MicroPython's raw REPL on a byte pipe (framing, raw-paste, interrupts,
 * the restart detector); {@code internal.board} is Belay's own protocol for calls on top of it
 * (its helpers on the board, their nonce, the decoding of results). Use {@code dev.belay.Device}.
 */
package dev.belay.internal;
