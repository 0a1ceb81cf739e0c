package dev.belay;

import dev.belay.internal.lock.PortLock;
import dev.belay.internal.repl.RawRepl;
import dev.belay.internal.repl.ReplSettings;
import dev.belay.internal.repl.RestartDetector;
import dev.belay.transport.Transport;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipe to one board and the raw REPL on it: opens it under the board's lock ({@link ClaimedPort}),
 * keeps the lock across reopened pipes, taps every byte into the transcript,
 * opens it again after it was lost (as {@link DeviceOptions#attempts()} allows), and closes it.
 * One {@link RestartDetector} serves the connection's whole life, across reopened pipes.
 */
final class Connection {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);
    /** Reopen tries after a hard reset when reconnecting is off: a power cycle takes the port away on purpose. */
    private static final int ATTEMPTS_AFTER_HARD_RESET = 10;
    private final String name;
    private final DeviceOptions options;
    private final Transcript transcript = new Transcript();
    private final RestartDetector restarts = new RestartDetector();
    private final PortLock lock;
    private Transport transport;
    private RawRepl repl;

    private Connection(Transport transport, DeviceOptions options, PortLock lock) {
        this.name = transport.name();
        this.options = options;
        this.lock = lock;
        attach(transport);
    }

    /**
     * Opens the pipe and puts the board in raw mode. A board that does not answer (one left running
     * code that ignores Ctrl-C) is hard-reset first when a reset action is configured.
     *
     * @throws BoardBusyException  when another process or device held the board for the whole lock timeout
     * @throws ConnectionException when the pipe cannot be opened or the board does not answer
     */
    static Connection open(String connection, DeviceOptions options) {
        ClaimedPort claimed = ClaimedPort.open(connection, options);
        PortLock lock = claimed.lock();
        Connection opened = new Connection(claimed.transport(), options, lock);
        try {
            opened.takeOver();
            // Whatever the board printed before Belay took it over was not a restart of this connection.
            opened.restarts.acknowledge();
        } catch (DeviceTimeoutException e) {
            opened.transport.close();
            lock.close();
            throw new ConnectionException(e.getMessage(), e);
        } catch (RuntimeException e) {
            opened.transport.close();
            lock.close();
            throw e;
        }
        return opened;
    }

    private void takeOver() {
        try {
            repl.enterRawMode();
        } catch (DeviceTimeoutException mute) {
            if (options.resetAction().isNone()) {
                throw mute;
            }
            try {
                resetHard("it did not answer when Belay connected");
                reopenAfterHardReset(() -> {});
            } catch (ConnectionLostException | ResetFailedException e) {
                // Connecting fails with one kind of exception, whatever step it failed at.
                throw new ConnectionException(e.getMessage(), e);
            }
        }
    }

    private void attach(Transport fresh) {
        this.transport = fresh instanceof TappedTransport ? fresh : new TappedTransport(fresh, new TappedTransport.Tap() {
            @Override
            public void sent(byte[] data, int offset, int length) {
                transcript.sent(data, offset, length);
            }

            @Override
            public void received(byte[] data, int offset, int length) {
                transcript.received(data, offset, length);
            }
        });
        transport.onNewSession(restarts::newSession);
        this.repl = new RawRepl(transport, new ReplSettings(options.pacing(), options.rawPaste(),
                options.connectTimeout(), HardReset.advice(options), HardReset.deafAfter(options)), restarts);
    }

    String name() {
        return name;
    }

    DeviceOptions options() {
        return options;
    }

    Transcript transcript() {
        return transcript;
    }

    RawRepl repl() {
        return repl;
    }

    RestartDetector restarts() {
        return restarts;
    }

    /**
     * Opens the pipe again, as {@link DeviceOptions#attempts()} allows (0 never, N times one
     * second apart, negative forever), and runs {@code restore} on the board found; a try whose
     * pipe or restore fails is followed by the next.
     *
     * @return whether the board was found mute and hard-reset on the way
     * @throws ConnectionLostException when no try succeeded
     * @throws ReplayFailedException   when the board was reached but its history could not be replayed
     */
    boolean reconnect(ConnectionLostException cause, Runnable restore) {
        if (options.attempts() == 0) {
            throw new ConnectionLostException((cause != null ? cause.getMessage() + " " : "The connection to "
                    + name + " was lost. ") + "Reconnecting is off (attempts = 0): set DeviceOptions.withAttempts "
                    + "(or belay.attempts) to let Belay reconnect and restore the board.", cause);
        }
        return reopen(options.attempts(), cause, false, restore);
    }

    /**
     * Runs the reset action ({@link DeviceOptions#resetAction()}) on the board, noting it in the
     * log and the transcript; returns once the action is done, not once the board is back.
     *
     * @throws ResetFailedException when the action failed
     */
    void resetHard(String why) {
        ResetAction action = options.resetAction();
        LOG.warn("Hard-resetting the board at {} with its reset action '{}': {}", name, action, why);
        transcript.note("hard reset with '" + action + "': " + why);
        action.perform(transport);
    }

    /**
     * Opens the pipe again after a hard reset, as {@link DeviceOptions#attempts()} allows but at
     * least {@value #ATTEMPTS_AFTER_HARD_RESET} times, and runs {@code restore} on the board found.
     */
    void reopenAfterHardReset(Runnable restore) {
        int attempts = options.attempts();
        reopen(attempts < 0 ? attempts : Math.max(attempts, ATTEMPTS_AFTER_HARD_RESET), null, true, restore);
    }

    /**
     * The reopen loop. A board whose pipe is back but which does not answer is hard-reset once,
     * when an action allows; one still mute after a hard reset is given up on at once, since more
     * tries would only wait out the connect timeout again and again.
     *
     * @return whether this loop hard-reset the board
     */
    private boolean reopen(int attempts, ConnectionLostException cause, boolean afterHardReset, Runnable restore) {
        long start = System.nanoTime();
        RuntimeException last = cause;
        int tries = 0;
        boolean resetDone = afterHardReset;
        boolean stillMute = false;
        while (attempts < 0 || tries < attempts) {
            pause();
            tries++;
            try {
                attach(transport.reopen(options.linkOptions()));
                DeviceTimeoutException mute = mute();
                if (mute == null) {
                    restore.run();
                    LOG.info("Reconnected to {} after {} attempt(s)", name, tries);
                    return resetDone && !afterHardReset;
                }
                last = mute;
                if (options.resetAction().isNone()) {
                    LOG.debug("Reconnect attempt {} to {} found the board mute: {}", tries, name, mute.getMessage());
                    continue;
                }
                if (resetDone) {
                    stillMute = true;
                    break;
                }
                resetDone = true;
                resetHard("a reconnect found it mute");
                // The reset takes the port away on purpose: give the board the tries a hard reset gets.
                if (attempts >= 0) {
                    attempts = Math.max(attempts, tries + ATTEMPTS_AFTER_HARD_RESET);
                }
            } catch (ReplayFailedException | ResetFailedException e) {
                throw e;
            } catch (BelayException e) {
                last = e;
                LOG.debug("Reconnect attempt {} to {} failed: {}", tries, name, e.getMessage());
            }
        }
        if (stillMute) {
            throw new ConnectionLostException("The board at " + name + " did not answer after its hard reset with '"
                    + options.resetAction() + "' either: " + last.getMessage() + " Check that the reset action "
                    + "resets this board.", last);
        }
        throw new ConnectionLostException(String.format(Locale.ROOT, "Lost the connection to %s and could not "
                + "restore it: %d attempts over %.1f s. Last error: %s", name, tries,
                (System.nanoTime() - start) / 1e9, last == null ? "none" : last.getMessage()), last);
    }

    /** Raw mode on the board just reopened: null, or the timeout of a board that does not answer. */
    private DeviceTimeoutException mute() {
        try {
            repl.enterRawMode();
            return null;
        } catch (DeviceTimeoutException mute) {
            return mute;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionLostException("Interrupted while waiting to reconnect.", e);
        }
    }

    /**
     * Leaves raw mode, so a person at a terminal finds the usual prompt, releases the pipe and then
     * the board's lock.
     */
    void close() {
        try {
            repl.exitRawMode();
        } catch (BelayException e) {
            // The board is already gone; releasing the pipe is all that is left to do.
        } finally {
            try {
                transport.close();
            } finally {
                lock.close();
            }
        }
    }
}
