package dev.belay.junit;

import dev.belay.Device;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
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
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Hands tests connected boards: resolves {@link BelayDevice} parameters, keeps one connection per
 * board for the whole run, checks before each test that the board did not restart (restoring it if
 * it did), keeps tests on one board from interleaving, and attaches what was exchanged with the
 * board to a failed test's report. {@link BelayDevice}'s Javadoc is the user's contract.
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
        AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BelayExtension.class);
    private static final String HELD = "held boards";

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
        return board(annotation, context)
                .orElseThrow(() -> new ParameterResolutionException("No board is configured for " + label(annotation)
                        + ": " + settings(annotation, context).whereToSetThePort() + "."))
                .device();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<BelayDevice> needed = context.getTestMethod().isPresent()
                ? annotations(Stream.of(context.getRequiredTestMethod()))
                : context.getTestClass().map(BelayExtension::lifecycleAnnotations).orElse(List.of());
        for (BelayDevice annotation : needed) {
            BoardSettings settings = settings(annotation, context);
            Optional<String> port = settings.port(annotation);
            if (port.isEmpty()) {
                return ConditionEvaluationResult.disabled("No board is configured for " + label(annotation) + ": "
                        + settings.whereToSetThePort() + ".");
            }
            if (annotation.skipIfMissing()) {
                OpenBoard board = board(annotation, context).orElseThrow();
                if (!board.isOpen()) {
                    return ConditionEvaluationResult.disabled("The board at " + port.get() + " could not be opened, "
                            + "and skipIfMissing is set: " + board.failure().getMessage());
                }
            }
        }
        return ConditionEvaluationResult.enabled("every board this needs is configured");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Map<BelayDevice, OpenBoard> held = new LinkedHashMap<>();
        List<BelayDevice> used = new ArrayList<>(lifecycleAnnotations(context.getRequiredTestClass()));
        used.addAll(annotations(Stream.of(context.getRequiredTestMethod())));
        // A fixed order of taking locks, so that two tests needing the same two boards cannot deadlock.
        used.sort(Comparator.comparing(BelayDevice::value));
        for (BelayDevice annotation : used) {
            Optional<OpenBoard> board = board(annotation, context);
            if (board.isPresent() && !board.get().isOpen() && !annotation.skipIfMissing()) {
                releaseAll(held);
                board.get().device(); // throws why the board could not be opened
            }
            if (board.isEmpty() || !board.get().isOpen() || held.containsValue(board.get())) {
                continue;
            }
            board.get().lock();
            held.put(annotation, board.get());
        }
        context.getStore(NAMESPACE).put(HELD, new Held(held, context));
        for (Map.Entry<BelayDevice, OpenBoard> entry : held.entrySet()) {
            Device device = entry.getValue().device();
            if (entry.getKey().reset() == BelayDevice.Reset.BEFORE_EACH) {
                device.restore();
            } else {
                device.ensureSession();
            }
        }
    }

    private static void releaseAll(Map<BelayDevice, OpenBoard> held) {
        held.values().forEach(OpenBoard::unlock);
        held.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Held held = context.getStore(NAMESPACE).remove(HELD, Held.class);
        if (held != null) {
            held.publishTranscriptsIfFailed(context);
            held.close();
        }
    }

    /** The boards a test holds, with where their transcripts stood when it began. */
    private static final class Held implements AutoCloseable {
        private final Map<BelayDevice, OpenBoard> boards;
        private final Map<BelayDevice, Long> marks = new LinkedHashMap<>();
        private boolean released;

        Held(Map<BelayDevice, OpenBoard> boards, ExtensionContext context) {
            this.boards = boards;
            boards.forEach((annotation, board) -> marks.put(annotation, board.device().transcript().position()));
        }

        void publishTranscriptsIfFailed(ExtensionContext context) {
            if (context.getExecutionException().isEmpty()) {
                return;
            }
            boards.forEach((annotation, board) -> context.publishReportEntry(
                    "belay.transcript" + (annotation.value().isEmpty() ? "" : "." + annotation.value()),
                    board.device().transcript().since(marks.get(annotation))));
        }

        @Override
        public void close() {
            if (!released) {
                released = true;
                boards.values().forEach(OpenBoard::unlock);
            }
        }
    }

    private static Optional<OpenBoard> board(BelayDevice annotation, ExtensionContext context) {
        BoardSettings settings = settings(annotation, context);
        return settings.port(annotation).map(port -> context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                "board " + annotation.value() + " at " + port, key -> OpenBoard.open(port, settings.options()),
                OpenBoard.class));
    }

    private static BoardSettings settings(BelayDevice annotation, ExtensionContext context) {
        return new BoardSettings(annotation.value(), context, System.getenv());
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
                .forEach(annotation -> byBoard.putIfAbsent(annotation.value() + "@" + annotation.port(), annotation));
        return new ArrayList<>(byBoard.values());
    }

    private static String label(BelayDevice annotation) {
        return annotation.value().isEmpty() ? "@BelayDevice" : "@BelayDevice(\"" + annotation.value() + "\")";
    }

    private static String describe(Executable executable) {
        return executable.getDeclaringClass().getSimpleName() + "." + executable.getName() + "()";
    }

}
