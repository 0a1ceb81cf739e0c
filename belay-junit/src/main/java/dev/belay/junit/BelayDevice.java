package dev.belay.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link dev.belay.Device} parameter that {@link BelayExtension} fills with a connected
 * board: in a test class's constructor, {@code @BeforeAll}, {@code @BeforeEach}, test,
 * {@code @AfterEach} and {@code @AfterAll} methods. One connection per board serves the whole test
 * run; it is closed (running teardown code) when the run ends.
 *
 * <pre>{@code
 * @ExtendWith(BelayExtension.class)
 * class SensorTest {
 *     @Test
 *     void readsARoomTemperature(@BelayDevice Device device) {
 *         assertThat(device.eval("sensor.read()", double.class)).isBetween(15.0, 30.0);
 *     }
 * }
 * }</pre>
 *
 * <h2>Which board</h2>
 * For every key, the first of these that is set wins: {@link #port()} (the port only); the system
 * property ({@code -Dbelay.port=}); the environment variable ({@code BELAY_PORT}); the JUnit
 * configuration parameter ({@code junit-platform.properties}, or Surefire's
 * {@code configurationParameters}). So a board a CI runner names in its environment always beats
 * the software board a project's {@code junit-platform.properties} names for laptops. A named
 * board, {@code @BelayDevice("sensor")}, reads {@code belay.sensor.port} and
 * {@code BELAY_SENSOR_PORT} instead. Once per run the log (SLF4J, logger
 * {@code dev.belay.junit.BelayExtension}) says which board was used and why, e.g.
 * {@code board 'default' = /dev/ttyACM0 (environment variable BELAY_PORT)}, and every test gets that
 * as the report entry {@code belay.board} ({@code belay.board.sensor}).
 *
 * <h2>A pool of boards</h2>
 * A port setting may list several interchangeable boards separated by {@code ;}
 * ({@code belay.port=/dev/ttyACM0;/dev/ttyACM1}, {@code virtual:micropython;virtual:micropython}).
 * Each top-level test class then leases one free board of the pool for its whole life, its
 * {@code @Nested} classes included, and gives it back when it ends; with JUnit's parallel classes
 * ({@code junit.jupiter.execution.parallel.mode.classes.default=concurrent}) N classes run on N
 * boards at once, each board with its own connection and history. A class waits for a free board up
 * to {@value #LOCK_TIMEOUT_KEY}. The report entry {@code belay.board} names the board a test ran on,
 * e.g. {@code /dev/ttyACM1 (board 2 of 2 in environment variable BELAY_PORT)}. A single board is
 * shared by all classes as before.
 *
 * <h2>Firmware</h2>
 * With {@value #FIRMWARE_KEY} set, each board's {@link dev.belay.Device#implementation()} is asked
 * once per run; a firmware outside it fails the tests that use the board with a
 * {@link FirmwareMismatchException} naming both (or skips them with {@link #skipIfMissing()}). Every
 * test gets the firmware it ran on as the report entry {@code belay.firmware}, e.g.
 * {@code micropython 1.27.0 on rp2 (build 'v1.27.0 on 2025-12-09')}.
 *
 * <p>When no port is set, tests that need the board are skipped, with a reason naming these keys.
 * When one is set but the board cannot be opened, they fail (a board that vanished from a CI runner
 * must not turn a build green), unless {@link #skipIfMissing()}.
 *
 * <h2>Configuration parameters</h2>
 * Each also per named board ({@code belay.sensor.attempts}) and as an environment variable
 * ({@code BELAY_ATTEMPTS}, {@code BELAY_SENSOR_ATTEMPTS}, {@code BELAY_LOCK_TIMEOUT}):
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>values</th><th>default</th></tr>
 *   <tr><td>{@value #PORT_KEY}</td><td>a connection string: {@code /dev/ttyACM0}, {@code usb:vid=2e8a,pid=0005}, {@code virtual:micropython}</td><td>none: skip</td></tr>
 *   <tr><td>{@value #ATTEMPTS_KEY}</td><td>an integer: 0 never reconnect, N times, negative forever</td><td>{@code 10}</td></tr>
 *   <tr><td>{@value #TIMEOUT_KEY}</td><td>a per-call deadline as an ISO-8601 duration ({@code PT30S}) or milliseconds</td><td>{@code PT10S}</td></tr>
 *   <tr><td>{@value #OUTPUT_KEY}</td><td>{@code log} (SLF4J), {@code stdout}, {@code none}: where the board's printed lines go</td><td>{@code log}</td></tr>
 *   <tr><td>{@value #PASSWORD_KEY}</td><td>the WebREPL password of a {@code ws://} board (best from the environment: {@code BELAY_PASSWORD})</td><td>none</td></tr>
 *   <tr><td>{@value #RESET_KEY}</td><td>how Belay hard-resets a board that ignores Ctrl-C after a deadline:
 *       {@code none}, {@code lines} (pulse DTR and RTS, as esptool resets an ESP32 devkit) or
 *       {@code command:LINE} (a shell command line: {@code command:uhubctl -a cycle -l 1-1 -p 2});
 *       see {@link dev.belay.ResetAction}</td><td>{@code none}</td></tr>
 *   <tr><td>{@value #LOCK_TIMEOUT_KEY}</td><td>how long a test waits for the board while another test of the run or another process holds it, and a class for a free board of a pool, as {@code belay.timeout}</td><td>{@code PT5M}</td></tr>
 *   <tr><td>{@value #FIRMWARE_KEY}</td><td>the firmware the board must run: a version range ({@code >=1.22}, {@code >=1.20,<1.24}, {@code ==1.27}) or an exact version text ({@code 1.27.0})</td><td>any</td></tr>
 *   <tr><td>{@value #SHARD_KEY}</td><td>{@code I/N}: run only the I-th of N parts of the test classes (a key of the run: no named form)</td><td>all classes</td></tr>
 *   <tr><td>{@value #DTR_KEY}</td><td>{@code on}, {@code off} or {@code keep}: the serial port's DTR line once open (an ESP32 devkit runs with both lines on or both off)</td><td>{@code on}</td></tr>
 *   <tr><td>{@value #RTS_KEY}</td><td>{@code on}, {@code off} or {@code keep}: the serial port's RTS line once open</td><td>{@code on}</td></tr>
 * </table>
 * A value outside these fails with an {@code ExtensionConfigurationException} naming the key and
 * the accepted values.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface BelayDevice {

    /** The connection string's configuration parameter. */
    String PORT_KEY = "belay.port";
    /** Reconnect attempts; see {@link dev.belay.DeviceOptions#attempts()}. */
    String ATTEMPTS_KEY = "belay.attempts";
    /** The per-call deadline. */
    String TIMEOUT_KEY = "belay.timeout";
    /** Where the board's printed lines go. */
    String OUTPUT_KEY = "belay.output";
    /** The WebREPL password of a {@code ws://} port. */
    String PASSWORD_KEY = "belay.password";
    /**
     * The hard reset action ({@link dev.belay.ResetAction#parse}); not to be confused with
     * {@link #reset()}, which soft-resets between tests.
     */
    String RESET_KEY = "belay.reset";
    /**
     * How long a test waits for a board that another test or lifecycle method, or another process
     * (a second Surefire fork or {@code mvn} run, a serial terminal), holds.
     */
    String LOCK_TIMEOUT_KEY = "belay.lockTimeout";
    /** Which firmware the board must run, checked once per board per run; see {@link FirmwareMismatchException}. */
    String FIRMWARE_KEY = "belay.firmware";
    /** Which part of the suite's classes this run executes, {@code I/N}; a key of the run, not of a board. */
    String SHARD_KEY = "belay.shard";
    /** The serial port's DTR line once open: {@code on}, {@code off} or {@code keep}; see {@link dev.belay.transport.LineState}. */
    String DTR_KEY = "belay.dtr";
    /** The serial port's RTS line once open: {@code on}, {@code off} or {@code keep}. */
    String RTS_KEY = "belay.rts";

    /** The board's name, for tests that use several boards; empty for the default board. */
    String value() default "";

    /** The connection string, overriding the configuration; empty to use it. */
    String port() default "";

    /**
     * Skip instead of failing when the configured board cannot be opened, or runs a firmware that
     * {@value #FIRMWARE_KEY} does not allow.
     */
    boolean skipIfMissing() default false;

    /**
     * Whether each test starts from its class's state ({@link Reset#BEFORE_EACH}) or from where the
     * previous test left the board ({@link Reset#NEVER}).
     */
    Reset reset() default Reset.NEVER;

    /**
     * When the board is reset between tests. Either way, what a test class records (its
     * {@code @BeforeAll}, and with {@code NEVER} its tests) leaves the board's history when the class
     * ends, and the next class starts from the state of the run.
     */
    enum Reset {
        /**
         * Only when it was found restarted (the default): checked cheaply before each test, and
         * restored from the history if it did. The class's tests and their {@code @BeforeEach} and
         * {@code @AfterEach} methods record into the class's history, so tests may build on each other.
         */
        NEVER,
        /**
         * Before every test, for isolation: the board is soft-reset and the history of the run and
         * the class's {@code @BeforeAll} replayed, then the test's {@code @BeforeEach} methods run.
         * What they, the test and its {@code @AfterEach} methods record leaves after the test.
         */
        BEFORE_EACH
    }
}
