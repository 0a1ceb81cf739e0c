package dev.belay.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.belay.Device;
import dev.belay.DeviceException;
import dev.belay.DeviceOptions;
import dev.belay.ConnectionLostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hostile board, unarmed, is a board Belay works with: what the fuzz test finds is Belay's
 * doing, not the board's.
 */
class HostileBoardTest {

    private static final DeviceOptions OPTIONS = DeviceOptions.defaults()
            .withTimeout(Duration.ofMillis(300))
            .withConnectTimeout(Duration.ofSeconds(1))
            .withAttempts(0)
            .withOutput(line -> {});

    /** The seed of a stop after 124 bytes, for 3,956 ms: longer than either test waits. */
    private static final long STOPS_FOR_FOUR_SECONDS = 8L;

    private final String name = "unarmed-" + System.nanoTime();
    private final HostileBoard board = HostileBoardProvider.register(name);

    @AfterEach
    void forgetBoard() {
        HostileBoardProvider.unregister(name);
    }

    @ParameterizedTest
    @EnumSource(value = Operation.class, mode = EnumSource.Mode.EXCLUDE, names = "EVAL_RAISING")
    void anUnarmedBoardAnswersEveryOperationAsARealOneWould(Operation operation) {
        try (Device device = Device.connect("hostile:" + name, OPTIONS)) {
            Operation.Board fuzzed = Operation.Board.on(device);

            assertThat(operation.run(fuzzed)).isEqualTo(operation.expected());
            assertThat(operation.run(fuzzed)).isEqualTo(operation.expected());
        }
    }

    @Test
    void anUnarmedBoardRaisesWhereTheCodeRaises() {
        try (Device device = Device.connect("hostile:" + name, OPTIONS)) {
            assertThatThrownBy(() -> Operation.EVAL_RAISING.run(Operation.Board.on(device)))
                    .isInstanceOfSatisfying(DeviceException.class,
                            e -> assertThat(e.pythonType()).isEqualTo("ZeroDivisionError"));
        }
    }

    @Test
    void aSoftResetForgetsTheHelpersAndBelayRestoresThem() {
        try (Device device = Device.connect("hostile:" + name, OPTIONS)) {
            Operation.Board fuzzed = Operation.Board.on(device);
            device.softReset();
            device.task(Operation.ADD);

            assertThat(Operation.TASK_CALL.run(fuzzed)).isEqualTo(5);
            assertThat(device.ensureSession()).isFalse();
        }
    }

    @Test
    void aBoardThatRunsForeverIsInterruptedAndAnswersAgain() {
        try (Device device = Device.connect("hostile:" + name, OPTIONS)) {
            Operation.Board fuzzed = Operation.Board.on(device);
            board.arm(new Mischief(Malformation.STALL, 1L, 0));

            assertThatThrownBy(() -> Operation.EVAL.run(fuzzed)).isInstanceOf(dev.belay.DeviceTimeoutException.class);
            assertThat(Operation.EVAL.run(fuzzed)).isEqualTo(2);
        }
    }

    @Test
    void aWriteToABoardThatStoppedReadingEndsWhenTheConnectionIsCut() {
        HostileBoard.Link link = board.connect("hostile:" + name, java.time.Duration.ofSeconds(30));
        link.write(new byte[] {'\r', 0x01}, 0, 2);
        board.arm(new Mischief(Malformation.STOPS_READING, STOPS_FOR_FOUR_SECONDS, 0));
        byte[] command = "print(1)\u0004".repeat(40).getBytes(StandardCharsets.US_ASCII);

        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> link.write(command, 0, command.length));
        while (!board.readingStopped() && !writing.isDone()) {
            Thread.onSpinWait();
        }
        board.cutConnection();

        assertThat(writing).failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(ConnectionLostException.class);
    }

    @Test
    void aBoardThatStoppedReadingReadsAgainWhenTheRoundIsOver() {
        HostileBoard.Link link = board.connect("hostile:" + name, java.time.Duration.ofSeconds(30));
        link.write(new byte[] {'\r', 0x01}, 0, 2);
        board.arm(new Mischief(Malformation.STOPS_READING, STOPS_FOR_FOUR_SECONDS, 0));
        byte[] command = "print(1)\u0004".repeat(40).getBytes(StandardCharsets.US_ASCII);

        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> link.write(command, 0, command.length));
        while (!board.readingStopped() && !writing.isDone()) {
            Thread.onSpinWait();
        }
        board.disarm();

        assertThat(writing).succeedsWithin(Duration.ofSeconds(1));
    }
}
