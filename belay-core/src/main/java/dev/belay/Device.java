package dev.belay;

import dev.belay.board.CallResult;
import dev.belay.sync.FileSync;
import dev.belay.sync.SyncException;
import dev.belay.sync.SyncOptions;
import dev.belay.sync.SyncResult;
import dev.belay.value.PythonLiteral;
import dev.belay.value.ValueConverter;
import dev.belay.value.ValueException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A MicroPython board, connected. Runs code on it and brings values back as Java values; a
 * Python exception on the board becomes a {@link DeviceException} that points at the line of the
 * user's source.
 *
 * <pre>{@code
 * try (Device device = Device.connect("/dev/ttyACM0")) {
 *     device.exec("import machine");
 *     Task read = device.task("""
 *             def read_adc(pin):
 *                 return machine.ADC(pin).read_u16()
 *             """);
 *     int raw = read.call(int.class, 26);
 * }
 * }</pre>
 *
 * <p>One call runs at a time: calls from several threads are served in turn. Connection strings:
 * a serial port ({@code /dev/ttyACM0}, {@code COM3}), {@code exec:COMMAND} for a program's stdin
 * and stdout, and {@code virtual:micropython} or {@code virtual:microbit} for the software boards
 * of belay-virtual.
 */
public final class Device implements AutoCloseable {

    private static final Pattern DEF = Pattern.compile("(?m)^(?:async\\s+)?def\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");

    private final Session session;
    private final Duration timeout;
    private final HistoryScope scope;

    private Device(Session session, Duration timeout, HistoryScope scope) {
        this.session = session;
        this.timeout = timeout;
        this.scope = scope;
    }

    /** Connects with {@link DeviceOptions#defaults()}. */
    public static Device connect(String connection) {
        return connect(connection, DeviceOptions.defaults());
    }

    /**
     * Opens the connection, interrupts whatever the board runs and puts it in raw REPL mode.
     *
     * @throws ConnectionException when the port cannot be opened or the board does not answer
     */
    public static Device connect(String connection, DeviceOptions options) {
        Objects.requireNonNull(options, "options");
        Session session = Session.open(connection, options);
        return new Device(session, options.timeout(), session.history().root());
    }

    /**
     * The same connection with another per-call deadline, for a call known to take long.
     *
     * <pre>{@code
     * device.withTimeout(Duration.ofMinutes(1)).exec("calibrate()");
     * }</pre>
     */
    public Device withTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return new Device(session, timeout, scope);
    }

    /**
     * Opens a scope of the history inside the one this view records into: what is recorded into it
     * leaves the history when it closes, and the board is brought back to the state of the rest.
     *
     * <pre>{@code
     * try (HistoryScope test = device.openScope("one test")) {
     *     Device scoped = device.recordingInto(test);
     *     scoped.exec("import calibration");
     * }
     * }</pre>
     *
     * @throws IllegalStateException when this view's scope is closed
     */
    public HistoryScope openScope(String name) {
        return session.history().open(name, scope);
    }

    /**
     * The same connection, recording what changes the board's state into {@code scope}; other
     * settings (the per-call deadline) stay as in this view.
     *
     * <pre>{@code
     * Device scoped = device.recordingInto(device.openScope("calibration"));
     * }</pre>
     */
    public Device recordingInto(HistoryScope scope) {
        Objects.requireNonNull(scope, "scope");
        if (!scope.belongsTo(session.history())) {
            throw new IllegalArgumentException("The scope '" + scope.name() + "' belongs to another connection; open "
                    + "it with this device's openScope.");
        }
        return new Device(session, timeout, scope);
    }

    /** The scope of the history this view records into; the root scope for a device from {@link #connect}. */
    public HistoryScope scope() {
        return scope;
    }

    /**
     * Runs statements on the board and returns what they printed, with {@code \n} line ends.
     *
     * <pre>{@code
     * assertThat(device.exec("for i in range(3):\n    print(i)")).isEqualTo("0\n1\n2\n");
     * }</pre>
     *
     * @throws DeviceException        when the code raised an exception on the board
     * @throws DeviceTimeoutException when it ran past the deadline; the board is interrupted and
     *                                ready for the next call
     */
    public String exec(String code) {
        return exec(code, Record.YES);
    }

    /**
     * Runs statements like {@link #exec(String)}; with {@link Record#NO} they are not written to
     * the history, so a reconnect does not run them again.
     *
     * <pre>{@code
     * device.exec("led.toggle()", Record.NO);
     * }</pre>
     */
    public String exec(String code, Record record) {
        return session.exec(code, timeout, code, record == Record.YES ? scope : null,
                new HistoryEntry(HistoryEntry.Kind.EXEC, code, describe(code)));
    }

    private static String describe(String code) {
        String first = code.strip().lines().findFirst().orElse("");
        return "exec '" + (first.length() > 40 ? first.substring(0, 37) + "..." : first) + "'";
    }

    /**
     * The state-changing calls so far, in order, of every open scope: what a reconnect replays.
     * Recorded once they succeeded: {@code exec}, {@code setup}, task and thread definitions,
     * thread starts, syncs. Not recorded: {@code eval}, task and function calls, generators.
     */
    public List<HistoryEntry> history() {
        return session.history().entries();
    }

    /**
     * Checks that the board did not restart since the last call (cheap: one round trip), and if it
     * did, or a closed {@link HistoryScope} took entries out of the history, or an earlier restore
     * did not finish, restores its state by replaying the history. Reconnects first when the
     * connection was lost and {@link DeviceOptions#attempts()} allows. Whatever kind of reset the
     * board went through, this restores it and returns {@code true}.
     *
     * <pre>{@code
     * boolean replayed = device.ensureSession();
     * }</pre>
     *
     * @return whether the board had to be restored
     */
    public boolean ensureSession() {
        return session.ensureSession();
    }

    /**
     * Evaluates a Python expression on the board and returns its value as the natural Java type:
     * {@code Long} (or {@code BigInteger} when it does not fit), {@code Double}, {@code String},
     * {@code byte[]}, {@code Boolean}, {@code List}, {@code Map}, {@code Set}, or {@code null}.
     *
     * <pre>{@code
     * assertThat(device.eval("{'t': 21.5, 'ok': True}")).isEqualTo(Map.of("t", 21.5, "ok", true));
     * }</pre>
     *
     * @throws dev.belay.value.ValueException when the value has no literal form (a custom object), or
     *                                        is a generator (pull those with {@link Task#stream})
     * @throws DeviceException                when evaluating it raised an exception on the board
     */
    public Object eval(String expression) {
        CallResult result = session.evaluate(expression, timeout);
        if (result instanceof CallResult.Generator generator) {
            session.drop(generator, timeout);
            throw new ValueException("'" + expression + "' is a generator, which has no value to return. Define it "
                    + "with device.task(...) and pull its values with Task.stream (or bind an interface method "
                    + "returning Stream); the board dropped this one.");
        }
        return value(result, expression);
    }

    /**
     * Evaluates a Python expression and converts its value to {@code type}: a primitive or boxed
     * type, {@code String}, {@code byte[]}, {@code BigInteger}, an array, an enum, or a record
     * (from a dict whose keys are its component names, or their snake_case forms).
     *
     * <pre>{@code
     * double celsius = device.eval("sensor.read()", double.class);
     * }</pre>
     */
    public <T> T eval(String expression, Class<T> type) {
        return ValueConverter.convert(eval(expression), type);
    }

    /**
     * Defines the function(s) in {@code pythonSource} on the board and returns a handle that
     * calls the last one. Tracebacks from it name the task and the line of this source.
     *
     * <pre>{@code
     * Task add = device.task("def add(a, b):\n    return a + b");
     * assertThat(add.call(int.class, 2, 3)).isEqualTo(5);
     * }</pre>
     */
    public Task task(String pythonSource) {
        List<String> names = functionNames(pythonSource);
        String name = names.get(names.size() - 1);
        return define(pythonSource, "task " + name, names);
    }

    /**
     * Defines the functions of a {@code .py} file on the class path, so board code lives in its
     * own files; tracebacks name the file.
     *
     * <pre>{@code
     * Task read = device.taskFromResource("board/sensor_tasks.py");
     * }</pre>
     */
    public Task taskFromResource(String resource) {
        String source = readResource(resource);
        List<String> names = functionNames(source);
        return define(source, resource, names);
    }

    private Task define(String source, String sourceName, List<String> names) {
        session.exec(source, timeout, source, scope, new HistoryEntry(HistoryEntry.Kind.TASK, source, sourceName));
        TracebackMapper.Origin origin = new TracebackMapper.Origin(sourceName, source.lines().toList());
        names.forEach(name -> session.tracebacks().defined(name, origin));
        return new Task(this, names.get(names.size() - 1));
    }

    private static List<String> functionNames(String source) {
        Matcher def = DEF.matcher(source);
        List<String> names = new java.util.ArrayList<>();
        while (def.find()) {
            names.add(def.group(1));
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("The task source defines no function at its top level; write "
                    + "'def name(...):' at the start of a line. Source:\n" + source);
        }
        return names;
    }

    private static String readResource(String resource) {
        String path = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : Device.class.getClassLoader()).getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No resource '" + path + "' on the class path. Put the file under "
                        + "src/test/resources/" + path + " (or src/main/resources).");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the resource " + path, e);
        }
    }

    /**
     * Calls a function already on the board (defined by a task, or imported from a synced module)
     * and converts its result.
     *
     * <pre>{@code
     * int count = device.call("sensor.samples", int.class);
     * }</pre>
     */
    public <T> T call(String functionName, Class<T> type, Object... args) {
        Object result = invoke(functionName, args);
        if (result instanceof BoardGenerator generator) {
            generator.close();
            throw new IllegalStateException(functionName + " is a generator; define it with task() and pull "
                    + "its values with Task.stream.");
        }
        return ValueConverter.convert(result, type);
    }

    /** Calls {@code functionName(args)}; a generator comes back as a {@link BoardGenerator}. */
    Object invoke(String functionName, Object[] args) {
        CallResult result = session.invoke(functionName, Arrays.asList(args), timeout);
        if (result instanceof CallResult.Generator generator) {
            return new BoardGenerator(session, timeout, generator, Object.class);
        }
        return value(result, functionName);
    }

    /** Pulls a generator's values as a stream of {@code type}. */
    Stream<Object> streamOf(String functionName, java.lang.reflect.Type type, Object[] args) {
        Object result = invoke(functionName, args);
        if (!(result instanceof BoardGenerator generator)) {
            throw new IllegalStateException(functionName + " returned a value, not a generator; call it with call().");
        }
        return generator.as(type).stream();
    }

    /** The value of a call that returns one; what else a board reports becomes an exception. */
    private Object value(CallResult result, String what) {
        if (result instanceof CallResult.Value value) {
            return value.value();
        }
        if (result instanceof CallResult.Raised raised) {
            throw session.deviceException(raised.error());
        }
        throw new ProtocolException("The board reported " + result + " for '" + what + "', where a value was due; "
                + "were Belay's helpers replaced on the board?");
    }

    /**
     * A proxy of {@code iface} whose methods call the board functions of the same names:
     * {@code readTemperature} calls {@code read_temperature}, or the name given by
     * {@link BoardFunction}. Arguments and results are converted by the method's signature; a
     * method returning {@code Stream<T>} pulls a generator.
     *
     * <pre>{@code
     * interface Sensor {
     *     double readTemperature();
     *     @BoardFunction("sensor.samples") Stream<Integer> samples(int count);
     * }
     * Sensor sensor = device.bind(Sensor.class);
     * }</pre>
     */
    public <T> T bind(Class<T> iface) {
        if (!iface.isInterface()) {
            throw new IllegalArgumentException("bind takes an interface; " + iface.getName() + " is a class.");
        }
        Object proxy = Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, new BoundFunctions(this, iface));
        return iface.cast(proxy);
    }

    /**
     * Runs set-up code in the board's globals: imports, global objects, configuration.
     *
     * <pre>{@code
     * device.setup("import mysensor\nsensor = mysensor.Sensor()");
     * }</pre>
     */
    public void setup(String source) {
        session.exec(source, timeout, source, scope,
                new HistoryEntry(HistoryEntry.Kind.SETUP, source, "setup " + describe(source)));
    }

    /**
     * Registers code that {@link #close()} runs on the board before it disconnects, in the order
     * registered: switching outputs off, stopping timers.
     *
     * <pre>{@code
     * device.teardown("led.off()");
     * }</pre>
     */
    public void teardown(String source) {
        session.addTeardown(source);
    }

    /**
     * Defines the function in {@code source} and starts it in a new thread on the board with
     * {@code _thread.start_new_thread}.
     *
     * <pre>{@code
     * device.thread("def blink(period):\n    while True:\n        led.toggle()\n        time.sleep_ms(period)", 250);
     * }</pre>
     *
     * @throws UnsupportedFeatureException when the firmware has no {@code _thread} module
     */
    public void thread(String source, Object... args) {
        List<String> names = functionNames(source);
        String name = names.get(names.size() - 1);
        if (!Boolean.TRUE.equals(value(session.has("_thread", timeout), "import _thread"))) {
            throw threadless(name);
        }
        String start = "import _thread\n_thread.start_new_thread(" + name + ", " + tupleOf(args) + ")";
        TracebackMapper.Origin origin = new TracebackMapper.Origin("thread " + name, source.lines().toList());
        names.forEach(function -> session.tracebacks().defined(function, origin));
        session.exec(source + "\n" + start, timeout, source, scope, new HistoryEntry(HistoryEntry.Kind.THREAD,
                source + "\n" + start, "thread " + name));
    }

    private UnsupportedFeatureException threadless(String name) {
        return new UnsupportedFeatureException("This board's firmware has no _thread module, so device.thread "
                + "cannot start '" + name + "'. Call it as a task instead, or use firmware built with threads.");
    }

    private static String tupleOf(Object[] args) {
        if (args.length == 0) {
            return "()";
        }
        return "(" + Arrays.stream(args).map(PythonLiteral::of).collect(Collectors.joining(", ")) + ",)";
    }

    /**
     * Mirrors a local folder onto the board's root with {@link SyncOptions#defaults()}: writes new
     * and changed files (each to a temporary name, then renamed into place), skips unchanged ones
     * after comparing hashes in a single round trip, and deletes board files missing locally
     * (except {@code boot.py}, {@code webrepl_cfg.py} and {@code lib}). Recorded: a reconnect
     * syncs again.
     *
     * <pre>{@code
     * SyncResult result = device.sync(Path.of("src/test/board"));
     * device.exec("import sensor");
     * }</pre>
     *
     * @throws SyncException when the folder is missing, the board's filesystem is full, or the
     *                       board refuses a file; files on the board stay whole
     */
    public SyncResult sync(Path folder) {
        return sync(folder, SyncOptions.defaults());
    }

    /** Mirrors a local folder onto the board as {@code options} say. */
    public SyncResult sync(Path folder, SyncOptions options) {
        String description = "sync " + folder + " to " + options.destination();
        return session.sync(new FileSync(folder, options), timeout, scope,
                new HistoryEntry(HistoryEntry.Kind.SYNC, "", description));
    }

    /** Which MicroPython the board runs: name, version, platform, architecture and emitters. */
    public Implementation implementation() {
        List<?> info = ValueConverter.convert(value(session.implementation(timeout), "sys.implementation"), List.class);
        Set<String> emitters = new LinkedHashSet<>();
        for (String emitter : List.of("native", "viper")) {
            if (session.emitterWorks(emitter, timeout)) {
                emitters.add(emitter);
            }
        }
        return Implementation.of(info, emitters);
    }

    /**
     * Everything exchanged with the board so far (up to 256 KB), for diagnosing a failure.
     *
     * <pre>{@code
     * long mark = device.transcript().position();
     * }</pre>
     */
    public Transcript transcript() {
        return session.transcript();
    }

    /**
     * Soft-resets the board and replays the history, so the board holds exactly what the history
     * sets up: for test isolation.
     *
     * <pre>{@code
     * device.restore();   // globals a test left behind are gone; imports and tasks are back
     * }</pre>
     */
    public void restore() {
        session.restore();
    }

    /**
     * Soft-resets the board and forgets the history of every scope: its Python globals are cleared,
     * its files stay, and a later reconnect replays nothing from before.
     */
    public void softReset() {
        session.softReset();
    }

    /**
     * Sends Ctrl-C to the board from any thread: the running call ends with a
     * {@link DeviceException} of type {@code KeyboardInterrupt}.
     */
    public void interrupt() {
        session.interrupt();
    }

    /** The connection string this device was opened with. */
    public String connection() {
        return session.name();
    }

    /** The options this device was opened with. */
    public DeviceOptions options() {
        return session.options();
    }

    /**
     * Runs the teardown code, returns the board to its friendly REPL and releases the port.
     * Closing twice does nothing; closing any view closes the connection.
     */
    @Override
    public void close() {
        session.close();
    }
}
