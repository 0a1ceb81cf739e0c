package dev.belay.junit;

import dev.belay.BelayException;
import dev.belay.Device;
import dev.belay.Implementation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.TestAbortedException;

/**
 * Hands tests connected boards: resolves {@link BelayDevice} parameters, keeps one connection per
 * board for the whole run (leasing a board of a pool to each test class), checks before each test
 * that the board did not restart (restoring it if it did) and that it runs the required firmware,
 * holds a board around every invocation that uses it so tests on it never interleave, runs only the
 * classes of its shard, and attaches what was exchanged with the board to a failure.
 * {@link BelayDevice}'s Javadoc is the user's contract.
 *
 * <pre>{@code
 * @ExtendWith(BelayExtension.class)
 * class BlinkTest {
 *     @Test
 *     void ledTurnsOn(@BelayDevice Device device) { ... }
 * }
 * }</pre>
 */
public final class BelayExtension implements ParameterResolver, ExecutionCondition, BeforeEachCallback,
        AfterEachCallback, InvocationInterceptor, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BelayExtension.class);
    private static final String TEST_HOLDS = "boards held by the test";
    private static final String INVOCATION_HOLDS = "boards held by the lifecycle method";

    private final Sources sources;

    /** The extension as {@code @ExtendWith} creates it: system properties, environment and log of the JVM. */
    public BelayExtension() {
        this(Sources.system());
    }

    BelayExtension(Sources sources) {
        this.sources = sources;
    }

    // --- parameters and conditions

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        if (!parameter.isAnnotated(BelayDevice.class)) {
            return false;
        }
        if (parameter.getParameter().getType() != Device.class) {
            throw new ParameterResolutionException("@BelayDevice is for parameters of type dev.belay.Device, but "
                    + "parameter '" + parameter.getParameter().getName() + "' of " + describe(parameter.getDeclaringExecutable())
                    + " is a " + parameter.getParameter().getType().getName() + ". Declare it as Device.");
        }
        return true;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        BelayDevice annotation = parameter.findAnnotation(BelayDevice.class).orElseThrow();
        OpenBoard board = board(annotation, context)
                .orElseThrow(() -> new ParameterResolutionException("No board is configured for " + label(annotation)
                        + ": " + settings(annotation, context).whereToSetThePort() + "."));
        board.device(); // throws why the board could not be opened
        if (!isClassLevel(parameter.getDeclaringExecutable())) {
            return HistoryScopes.testView(board, context); // beforeEach has checked the firmware
        }
        firmwareMismatch(board, settings(annotation, context), context).ifPresent(message -> {
            throw new FirmwareMismatchException(message);
        });
        return HistoryScopes.classView(board, context);
    }

    /** A constructor, {@code @BeforeAll} or {@code @AfterAll} method: what it records, the class's tests build on. */
    private static boolean isClassLevel(Executable executable) {
        return executable instanceof Constructor || executable.isAnnotationPresent(BeforeAll.class)
                || executable.isAnnotationPresent(AfterAll.class);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<ConditionEvaluationResult> otherShard = otherShard(context);
        if (otherShard.isPresent()) {
            return otherShard.get();
        }
        List<BelayDevice> needed = context.getTestMethod().isPresent()
                ? annotations(Stream.of(context.getRequiredTestMethod()))
                : context.getTestClass().map(BelayExtension::lifecycleAnnotations).orElse(List.of());
        for (BelayDevice annotation : needed) {
            BoardSettings settings = settings(annotation, context);
            Optional<Setting> port = settings.port(annotation);
            if (port.isEmpty()) {
                return ConditionEvaluationResult.disabled("No board is configured for " + label(annotation) + ": "
                        + settings.whereToSetThePort() + ".");
            }
            if (annotation.skipIfMissing()) {
                OpenBoard board = board(annotation, context).orElseThrow();
                if (!board.isOpen()) {
                    return ConditionEvaluationResult.disabled("The board at " + port.get().value() + " could not be "
                            + "opened, and skipIfMissing is set: " + board.failure().getMessage());
                }
                Optional<String> mismatch = firmwareMismatch(board, settings, context);
                if (mismatch.isPresent()) {
                    return ConditionEvaluationResult.disabled(mismatch.get() + " (skipIfMissing is set)");
                }
            }
        }
        return ConditionEvaluationResult.enabled("every board this needs is configured");
    }

    /** Disabled when {@code belay.shard} is set and the top-level class is in another part; decided per top-level class. */
    private Optional<ConditionEvaluationResult> otherShard(ExtensionContext context) {
        boolean topLevelClass = context.getTestMethod().isEmpty() && context.getTestClass().isPresent()
                && context.getParent().flatMap(ExtensionContext::getTestClass).isEmpty();
        if (!topLevelClass) {
            return Optional.empty();
        }
        BoardSettings run = new BoardSettings("", context, sources);
        String className = context.getRequiredTestClass().getName();
        return run.shard().filter(shard -> !shard.contains(className)).map(shard -> ConditionEvaluationResult.disabled(
                context.getRequiredTestClass().getSimpleName() + " belongs to shard " + Shard.of(className, shard.count())
                        + "/" + shard.count() + ", and this run is shard " + shard + " ("
                        + run.setting(BelayDevice.SHARD_KEY).orElseThrow().source() + ")."));
    }

    /**
     * Why the board's firmware is not one {@code belay.firmware} allows, naming both; empty when it is,
     * or when nothing is required. The board is asked once per run.
     */
    private static Optional<String> firmwareMismatch(OpenBoard board, BoardSettings settings, ExtensionContext context) {
        Optional<Setting> required = settings.firmwareSetting();
        if (required.isEmpty()) {
            return Optional.empty();
        }
        FirmwareRequirement requirement = FirmwareRequirement.parse(required.get().value(),
                settings.key(BelayDevice.FIRMWARE_KEY));
        Implementation actual = board.implementation(context);
        if (requirement.accepts(actual)) {
            return Optional.empty();
        }
        return Optional.of("The board " + board.describe() + " runs " + firmware(actual) + ", but "
                + settings.key(BelayDevice.FIRMWARE_KEY) + " (" + required.get().source() + ") requires "
                + requirement.describe() + ". Flash a firmware that matches, or change "
                + settings.key(BelayDevice.FIRMWARE_KEY) + ".");
    }

    /**
     * The report entry {@code belay.firmware}. Without a requirement it is information only, so a
     * board that cannot describe its firmware (not MicroPython, say) does not fail the test for it.
     */
    private static void publishFirmware(OpenBoard board, BoardSettings settings, ExtensionContext context) {
        String firmware;
        try {
            firmware = firmware(board.implementation(context));
        } catch (BelayException e) {
            if (settings.firmwareSetting().isPresent()) {
                throw e;
            }
            firmware = "unknown: " + e.getMessage();
        }
        context.publishReportEntry(reportKey("belay.firmware", board), firmware);
    }

    /**
     * {@code micropython 1.27.0 on webassembly (build 'v1.27.0 on 2025-12-10')}: what a report
     * entry and a mismatch name.
     */
    private static String firmware(Implementation implementation) {
        return implementation.name() + " " + implementation.version() + " on " + implementation.platform()
                + " (build '" + implementation.build() + "')";
    }

    // --- around each test: from before its @BeforeEach methods to after its @AfterEach methods

    @Override
    public void beforeEach(ExtensionContext context) {
        Map<OpenBoard, BelayDevice> used = new LinkedHashMap<>();
        List<BelayDevice> annotations = new ArrayList<>(lifecycleAnnotations(context.getRequiredTestClass()));
        annotations.addAll(annotations(Stream.of(context.getRequiredTestMethod())));
        for (BelayDevice annotation : annotations) {
            Optional<OpenBoard> board = board(annotation, context);
            if (board.isPresent() && !board.get().isOpen() && !annotation.skipIfMissing()) {
                board.get().device(); // throws why the board could not be opened
            }
            if (board.isPresent() && board.get().isOpen()) {
                used.merge(board.get(), annotation, BelayExtension::stricter);
            }
        }
        HeldBoards held = HeldBoards.take(context, new ArrayList<>(used.keySet()));
        context.getStore(NAMESPACE).put(TEST_HOLDS, held);
        used.forEach((board, annotation) -> {
            context.publishReportEntry(reportKey("belay.board", board), board.port().toString());
            // Held already: the firmware is asked here (once per board per run) before anything is restored on it.
            // The annotations of one board share its name, so any of them gives its settings.
            BoardSettings settings = settings(annotation, context);
            publishFirmware(board, settings, context);
            firmwareMismatch(board, settings, context).ifPresent(message -> {
                throw new FirmwareMismatchException(message);
            });
            // A restore that fails throws here, so the test fails with its cause instead of running on a
            // half-restored board; the board stays marked, and the next test tries again.
            if (annotation.reset() == BelayDevice.Reset.BEFORE_EACH) {
                // One soft reset and replay, also when a closed scope had made a restore due already.
                HistoryScopes.openTestView(board, context).restore();
            } else {
                HistoryScopes.classView(board, context).ensureSession();
            }
        });
    }

    /** Of two annotations for one board in one test, the one that resets more. */
    private static BelayDevice stricter(BelayDevice a, BelayDevice b) {
        return b.reset() == BelayDevice.Reset.BEFORE_EACH ? b : a;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        HeldBoards held = context.getStore(NAMESPACE).remove(TEST_HOLDS, HeldBoards.class);
        if (held == null) {
            return;
        }
        try {
            if (context.getExecutionException().isPresent()) {
                held.boards().forEach(board -> context.publishReportEntry(reportKey("belay.transcript", board),
                        held.transcript(board)));
            }
            held.boards().forEach(board -> HistoryScopes.closeTestScope(board, context));
        } finally {
            held.close();
        }
    }

    // --- around every invocation: constructors and lifecycle methods hold the boards they take

    @Override
    public <T> T interceptTestClassConstructor(Invocation<T> invocation,
            ReflectiveInvocationContext<Constructor<T>> invocationContext, ExtensionContext context) throws Throwable {
        return holding(invocation, invocationContext, context);
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        holding(invocation, invocationContext, context);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        holding(invocation, invocationContext, context);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        holding(invocation, invocationContext, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        holding(invocation, invocationContext, context);
    }

    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        return holding(invocation, invocationContext, context);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        holding(invocation, invocationContext, context);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        holding(invocation, invocationContext, context);
    }

    /**
     * Runs {@code invocation} holding the boards its parameters use. Inside a test, which holds its
     * boards already, this nests. A class-level invocation's holds are kept in its context's store
     * until the next one, so that a failure can be given the transcript of what it exchanged.
     */
    private <T> T holding(Invocation<T> invocation, ReflectiveInvocationContext<? extends Executable> invocationContext,
            ExtensionContext context) throws Throwable {
        List<OpenBoard> boards = new ArrayList<>();
        for (BelayDevice annotation : annotations(Stream.of(invocationContext.getExecutable()))) {
            board(annotation, context).filter(OpenBoard::isOpen).ifPresent(boards::add);
        }
        if (boards.isEmpty()) {
            return invocation.proceed();
        }
        HeldBoards held = HeldBoards.take(context, boards);
        try {
            return invocation.proceed();
        } finally {
            held.close();
            context.getStore(NAMESPACE).put(INVOCATION_HOLDS, held);
        }
    }

    // --- failures carry the transcript

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withTranscripts(context, TEST_HOLDS, throwable);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withTranscripts(context, INVOCATION_HOLDS, throwable);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withTranscripts(context, TEST_HOLDS, throwable);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withTranscripts(context, TEST_HOLDS, throwable);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        throw withTranscripts(context, INVOCATION_HOLDS, throwable);
    }

    private static Throwable withTranscripts(ExtensionContext context, String holds, Throwable throwable) {
        HeldBoards held = context.getStore(NAMESPACE).get(holds, HeldBoards.class);
        boolean attached = Arrays.stream(throwable.getSuppressed()).anyMatch(BoardTranscript.class::isInstance);
        if (held != null && !attached && !(throwable instanceof TestAbortedException)) {
            held.attachTranscripts(throwable);
        }
        return throwable;
    }

    // --- boards and their settings

    /**
     * The board the annotation names for this context: of its pool, the one the outermost test class
     * leased (so a {@code @Nested} class stays on its outer class's board).
     */
    private Optional<OpenBoard> board(BelayDevice annotation, ExtensionContext context) {
        BoardSettings settings = settings(annotation, context);
        return settings.port(annotation).map(port -> {
            String pool = "pool " + annotation.value() + " at " + port.value();
            BoardPool boards = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(pool,
                    key -> BoardPool.of(settings, port, sources.log()), BoardPool.class);
            ExtensionContext holder = outermostClass(context);
            return holder.getStore(NAMESPACE).getOrComputeIfAbsent("lease of " + pool + " by " + holder.getUniqueId(),
                    key -> boards.lease(holder), BoardLease.class).board();
        });
    }

    /** The context of the top-level test class at or above {@code context}; {@code context} itself outside one. */
    private static ExtensionContext outermostClass(ExtensionContext context) {
        ExtensionContext outermost = context;
        for (ExtensionContext current = context; current != null; current = current.getParent().orElse(null)) {
            if (current.getTestMethod().isEmpty() && current.getElement().filter(Class.class::isInstance).isPresent()) {
                outermost = current;
            }
        }
        return outermost;
    }

    private BoardSettings settings(BelayDevice annotation, ExtensionContext context) {
        return new BoardSettings(annotation.value(), context, sources);
    }

    private static String reportKey(String base, OpenBoard board) {
        String name = board.name();
        return name.equals("default") ? base : base + "." + name;
    }

    /** Every @BelayDevice of the class's constructors and lifecycle methods: what all its tests need. */
    private static List<BelayDevice> lifecycleAnnotations(Class<?> testClass) {
        List<Method> methods = ReflectionSupport.findMethods(testClass, BelayExtension::isLifecycle,
                HierarchyTraversalMode.TOP_DOWN);
        return annotations(Stream.concat(Arrays.stream(testClass.getDeclaredConstructors()), methods.stream()));
    }

    private static boolean isLifecycle(Method method) {
        return Stream.of(BeforeAll.class, BeforeEach.class, AfterEach.class, AfterAll.class)
                .anyMatch(method::isAnnotationPresent);
    }

    private static List<BelayDevice> annotations(Stream<? extends Executable> executables) {
        Map<String, BelayDevice> byBoard = new LinkedHashMap<>();
        executables.flatMap(executable -> Arrays.stream(executable.getParameters()))
                .map(parameter -> parameter.getAnnotation(BelayDevice.class))
                .filter(annotation -> annotation != null)
                .forEach(annotation -> byBoard.merge(annotation.value() + "@" + annotation.port(), annotation,
                        BelayExtension::stricter));
        return new ArrayList<>(byBoard.values());
    }

    private static String label(BelayDevice annotation) {
        return annotation.value().isEmpty() ? "@BelayDevice" : "@BelayDevice(\"" + annotation.value() + "\")";
    }

    private static String describe(Executable executable) {
        return executable.getDeclaringClass().getSimpleName() + "." + executable.getName() + "()";
    }
}
