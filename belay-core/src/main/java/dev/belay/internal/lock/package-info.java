/**
 * Locks on boards across processes: the FHS lock file {@code /var/lock/LCK..NAME} holding the
 * owner's PID, under an OS lock, taken before a device opens its board and kept until it closes.
 * Not API.
 */
package dev.belay.internal.lock;
