/**
 * Internal, not API: public only because the device layer in {@code dev.belay} uses it. See
 * {@link dev.belay.internal} for how the internal layers stack.
 */
package dev.belay.internal.board;
