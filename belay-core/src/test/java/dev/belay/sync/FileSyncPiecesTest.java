package dev.belay.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.belay.DeviceException;
import dev.belay.value.PythonValueParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a file's pieces go on after the board could not take one: a board of its own, in Java. */
class FileSyncPiecesTest {

    private static final Pattern PIECE = Pattern.compile("(?s)(?:_belay_open\\('([^']*)'\\)\\n)?(?:_belay_w\\((b'.*'), (\\d+)\\))?");

    @TempDir
    Path local;

    /** A board with folders but without raw-paste, rename or hashlib, with one file being written; it fails pieces as told. */
    private static final class Board implements SyncTarget {
        final ByteArrayOutputStream file = new ByteArrayOutputStream();
        final List<Integer> pieceSizes = new ArrayList<>();
        int memoryErrorsAbove = Integer.MAX_VALUE;
        int memoryErrors;
        boolean loseBytesOnce;

        @Override
        public void exec(String code) {
            if (code.startsWith("_belay_abort") || code.startsWith("del ")) {
                return;
            }
            Matcher m = PIECE.matcher(code);
            if (!m.matches()) {
                throw new AssertionError("unexpected command: " + code);
            }
            byte[] data = m.group(2) == null ? new byte[0] : (byte[]) PythonValueParser.parse(m.group(2));
            if (data.length > memoryErrorsAbove) {
                memoryErrors++;
                throw new DeviceException("MemoryError", "parser could not allocate enough memory", "");
            }
            if (m.group(1) != null) {
                file.reset();
            }
            if (m.group(2) == null) {
                return;
            }
            if (loseBytesOnce) {
                loseBytesOnce = false;
                data = java.util.Arrays.copyOf(data, data.length - 1);
            }
            if (file.size() + data.length != Integer.parseInt(m.group(3))) {
                throw new DeviceException("ValueError", "_belay_w at " + file.size(), "");
            }
            pieceSizes.add(data.length);
            file.writeBytes(data);
        }

        @Override
        public Object eval(String expression) {
            if (expression.startsWith("_belay_tree(")) {
                return List.of(List.of(true, false, false, false), List.of());
            }
            if (expression.equals("_belay_p")) {
                return (long) file.size();
            }
            if (expression.startsWith("_belay_done(")) {
                return ContentHash.of(file.toByteArray(), false);
            }
            throw new AssertionError("unexpected expression: " + expression);
        }

        @Override
        public boolean rawPaste() {
            return false;
        }
    }

    private byte[] aFile(int size) throws IOException {
        byte[] content = new byte[size];
        new Random(7).nextBytes(content);
        Files.write(local.resolve("big.bin"), content);
        return content;
    }

    @Test
    void aPieceTheHeapCannotTakeIsSentAgainInSmallerPieces() throws IOException {
        byte[] content = aFile(1000);
        Board board = new Board();
        board.memoryErrorsAbove = 100;
        SyncResult result = new FileSync(local, SyncOptions.defaults()).run(board);
        assertThat(result.written()).containsExactly("big.bin");
        assertThat(board.file.toByteArray()).isEqualTo(content);
        assertThat(board.memoryErrors).isEqualTo(2);
        assertThat(board.pieceSizes).allMatch(size -> size <= 60);
    }

    @Test
    void aPieceThatLostBytesOnTheWayIsRefusedAndSentAgain() throws IOException {
        byte[] content = aFile(1000);
        Board board = new Board();
        board.loseBytesOnce = true;
        new FileSync(local, SyncOptions.defaults()).run(board);
        assertThat(board.file.toByteArray()).isEqualTo(content);
        assertThat(board.pieceSizes).containsExactly(240, 240, 240, 240, 40);
    }
}
