package dev.belay.fuzz;

import dev.belay.Device;
import dev.belay.Record;
import dev.belay.Task;
import java.util.List;
import java.util.stream.Stream;

/**
 * A call through Belay's public API that the fuzz test makes on the hostile board, with what it
 * returns when the board behaves.
 */
enum Operation {
    EXEC_PRINT(1, "hello\n") {
        @Override
        Object run(Board board) {
            return board.device().exec("print('hello')", Record.NO);
        }
    },
    EXEC_ASSIGN(1, "") {
        @Override
        Object run(Board board) {
            return board.device().exec("x = 1", Record.NO);
        }
    },
    EVAL(1, 2) {
        @Override
        Object run(Board board) {
            return board.device().eval("1 + 1", Integer.class);
        }
    },
    EVAL_LIST(1, java.util.Arrays.asList(1L, "two", 3.5, null, true)) {
        @Override
        Object run(Board board) {
            return board.device().eval("[1, 'two', 3.5, None, True]");
        }
    },
    /** The board raises ZeroDivisionError: a DeviceException when it behaves. */
    EVAL_RAISING(1, null) {
        @Override
        Object run(Board board) {
            return board.device().eval("1/0");
        }
    },
    TASK(1, "add") {
        @Override
        Object run(Board board) {
            return board.device().task(ADD).name();
        }
    },
    TASK_CALL(1, 5) {
        @Override
        Object run(Board board) {
            return board.add().call(Integer.class, 2, 3);
        }
    },
    CALL_BY_NAME(1, 5) {
        @Override
        Object run(Board board) {
            return board.device().call("add", Integer.class, 2, 3);
        }
    },
    /** The generator call, three values and the end: five commands. */
    STREAM(5, List.of(0, 1, 2)) {
        @Override
        Object run(Board board) {
            try (Stream<Integer> values = board.count().stream(Integer.class, 3)) {
                return values.toList();
            }
        }
    },
    ENSURE_SESSION(1, false) {
        @Override
        Object run(Board board) {
            return board.device().ensureSession();
        }
    };

    static final String ADD = "def add(a, b):\n    return a + b\n";
    static final String COUNT = "def count(n):\n    for i in range(n):\n        yield i\n";

    /** A connected device and the tasks the operations use. */
    record Board(Device device, Task add, Task count) {

        /** Defines the tasks on a freshly connected device. */
        static Board on(Device device) {
            return new Board(device, device.task(ADD), device.task(COUNT));
        }
    }

    private final int commands;
    private final Object expected;

    Operation(int commands, Object expected) {
        this.commands = commands;
        this.expected = expected;
    }

    abstract Object run(Board board);

    /** How many raw REPL commands it sends to a board that behaves. */
    int commands() {
        return commands;
    }

    /** What it returns from a board that behaves. */
    Object expected() {
        return expected;
    }

    /** Whether each of its commands is a call with a result frame. */
    boolean calls() {
        return this != EXEC_PRINT && this != EXEC_ASSIGN && this != TASK;
    }
}
