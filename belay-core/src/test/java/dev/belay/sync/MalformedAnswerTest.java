package dev.belay.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every wrong-shaped answer of the board's helpers (replaced by the code under test, say) ends in a
 * SyncException that names what arrived, never in a ClassCastException or the like.
 */
class MalformedAnswerTest {

    private static final String REPLACED = "may have been replaced";
    private static final List<Object> CAPS = List.of(true, true, false, false);

    @TempDir
    Path local;

    @BeforeEach
    void aFolderWithAFile() throws IOException {
        Files.writeString(local.resolve("main.py"), "x = 1\n");
    }

    private Throwable syncAnswering(boolean stat, String call, Object answer) {
        ScriptedBoard board = new ScriptedBoard(stat, true);
        if (stat) {
            // As a previous sync of the session left them: the listing is then the first command.
            new FullBoardFiles(board).install();
        }
        board.answers = expression -> expression.startsWith(call) ? answer : ScriptedBoard.BOARD;
        return catchThrowable(() -> new FileSync(local, SyncOptions.defaults()).run(board));
    }

    private static List<Object> listOf(Object... items) {
        return Arrays.asList(items);
    }

    static Stream<Object> wrongListings() {
        byte[] shortHash = new byte[3];
        return Stream.of(null, 42L, "text", List.of(), List.of(CAPS), listOf(CAPS, List.of(), 3L),
                listOf(null, List.of()), listOf(List.of(true, true), List.of()), listOf(listOf(1L, 0L, 0L, 0L), List.of()),
                listOf(CAPS, null), listOf(CAPS, "main.py 6 1\n"), listOf(CAPS, List.of("/main.py")),
                listOf(CAPS, List.of(List.of("/main.py", 6L))), listOf(CAPS, List.of(listOf(null, 6L, 1L))),
                listOf(CAPS, List.of(List.of(7L, 6L, 1L))), listOf(CAPS, List.of(List.of("", 6L, 1L))),
                listOf(CAPS, List.of(List.of("/main.py", -2L, 1L))), listOf(CAPS, List.of(List.of("/main.py", "6", 1L))),
                listOf(CAPS, List.of(List.of("/main.py", 6.0, 1L))),
                listOf(CAPS, List.of(List.of("/main.py", new BigInteger("99999999999999999999"), 1L))),
                listOf(CAPS, List.of(List.of("/main.py", 6L, -1L))), listOf(CAPS, List.of(List.of("/main.py", 6L, shortHash))),
                listOf(CAPS, List.of(listOf("/main.py", 6L, null))), listOf(CAPS, List.of(List.of("/d", -1L, 5L))),
                listOf(CAPS, List.of(Map.of("path", "/main.py"))), listOf(CAPS, List.of(List.of(List.of("/main.py"), 6L, 1L))));
    }

    @ParameterizedTest
    @MethodSource("wrongListings")
    void aWrongShapedListingIsASyncExceptionNamingIt(Object answer) {
        assertThat(syncAnswering(true, "_belay_tree(", answer))
                .isInstanceOf(SyncException.class)
                .hasMessageStartingWith("The board answered ")
                .hasMessageContaining(REPLACED);
    }

    @Test
    void theMessageQuotesWhatArrivedEscapedAndShort() {
        String answer = "\u0000\u00e9\n" + "x".repeat(500);
        assertThat(syncAnswering(true, "_belay_tree(", listOf(CAPS, answer)))
                .hasMessageStartingWith("The board answered the listing of / with [[True, True, False, False], "
                        + "'\\x00\\xe9\\nxxx")
                .hasMessageContaining("xxx..., which is not what Belay's sync helpers send");
    }

    static Stream<Object> wrongFlatPages() {
        return Stream.of(null, List.of("1 2 7 main.py\n"), listOf("1 2 7 main.py\n", -1L), listOf(List.of(), 1L),
                listOf("1 2 7 main.py\n", "1"), listOf("main.py 1 2\n", 1L), listOf("1 2 7 main.py", 1L),
                listOf("1 2 70 main.py\n", 1L), listOf("-1 2 7 main.py\n", 1L), listOf("1 99999999999 7 main.py\n", 1L),
                listOf("1 2 0 \n", 1L), listOf("1 2 7 main.py\n", 1.5));
    }

    @ParameterizedTest
    @MethodSource("wrongFlatPages")
    void aWrongShapedFlatPageIsASyncExceptionNamingIt(Object answer) {
        assertThat(syncAnswering(false, "_belay_ls(", answer))
                .isInstanceOf(SyncException.class)
                .hasMessageContaining(REPLACED);
    }

    @Test
    void aWrongHashAfterWritingIsASyncExceptionNamingTheFile() {
        assertThatThrownBy(() -> {
            throw syncAnswering(true, "_belay_commit(", List.of("not", "a hash"));
        }).isInstanceOf(SyncException.class)
                .hasMessageStartingWith("The board answered the hash of /main.py with ['not', 'a hash']")
                .hasMessageContaining(REPLACED);
    }

    @Test
    void aWrongPositionAfterARefusedPieceIsASyncException() throws IOException {
        Files.write(local.resolve("big.bin"), new byte[20_000]);
        ScriptedBoard board = new ScriptedBoard(true, true);
        boolean[] refused = {false};
        board.answers = expression -> expression.equals("_belay_p") ? (Object) (-5L) : ScriptedBoard.BOARD;
        SyncTarget refusing = new SyncTarget() {
            @Override
            public void exec(String code) {
                if (code.startsWith("_belay_w(") && !refused[0]) {
                    refused[0] = true;
                    throw new dev.belay.DeviceException("MemoryError", "", "");
                }
                board.exec(code);
            }

            @Override
            public Object eval(String expression) {
                return board.eval(expression);
            }

            @Override
            public boolean rawPaste() {
                return true;
            }
        };
        assertThatThrownBy(() -> new FileSync(local, SyncOptions.defaults()).run(refusing))
                .isInstanceOf(SyncException.class)
                .hasMessageStartingWith("The board answered where the file being written ends with -5");
    }

    /** Valid listings of one file, then bent at random: each bend is one of the ways a board can get it wrong. */
    @Test
    void randomlyBentListingsAreEachASyncExceptionOrAValidSync() {
        long seed = Long.getLong("belay.seed", System.nanoTime());
        Random random = new Random(seed);
        Map<String, Integer> outcomes = new HashMap<>();
        for (int round = 0; round < 2000; round++) {
            Object answer = bend(listOf(CAPS, List.of(listOf("/main.py", 6L, 1L))), random, 3);
            Throwable thrown = syncAnswering(true, "_belay_tree(", answer);
            if (thrown != null && !(thrown instanceof SyncException && thrown.getMessage().contains(REPLACED))) {
                throw new AssertionError("seed " + seed + ", round " + round + ": the listing "
                        + BoardAnswer.excerpt(answer) + " threw " + thrown, thrown);
            }
            outcomes.merge(thrown == null ? "synced" : "refused", 1, Integer::sum);
        }
        assertThat(outcomes.getOrDefault("refused", 0)).as("seed %d", seed).isGreaterThan(1000);
    }

    private static Object bend(Object value, Random random, int depth) {
        if (depth == 0 || random.nextInt(4) == 0) {
            return switch (random.nextInt(9)) {
                case 0 -> null;
                case 1 -> random.nextLong() % 1000;
                case 2 -> "s" + random.nextInt(100);
                case 3 -> random.nextBoolean();
                case 4 -> new byte[random.nextInt(40)];
                case 5 -> -1L - random.nextInt(3);
                case 6 -> 2.5;
                case 7 -> Map.of("k", 1L);
                default -> value;
            };
        }
        if (value instanceof List<?> items) {
            List<Object> bent = new ArrayList<>(items);
            switch (random.nextInt(4)) {
                case 0 -> { if (!bent.isEmpty()) bent.remove(random.nextInt(bent.size())); }
                case 1 -> bent.add(bend(null, random, 0));
                default -> {
                    if (!bent.isEmpty()) {
                        int at = random.nextInt(bent.size());
                        bent.set(at, bend(bent.get(at), random, depth - 1));
                    }
                }
            }
            return bent;
        }
        return bend(value, random, 0);
    }
}
