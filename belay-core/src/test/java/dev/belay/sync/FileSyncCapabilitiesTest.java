package dev.belay.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which helper set a board gets, and that the sync calls only what that set defines. */
class FileSyncCapabilitiesTest {

    @TempDir
    Path local;

    private void write(String name, String content) throws IOException {
        Files.writeString(local.resolve(name), content);
    }

    @Test
    void aNewFileOnABoardWithFoldersButNoRenameIsWrittenInPlaceByTheFullHelpers() throws IOException {
        write("new.py", "b = 2\n");
        ScriptedBoard board = new ScriptedBoard(true, false);
        SyncResult result = new FileSync(local, SyncOptions.defaults()).run(board);
        assertThat(result.written()).containsExactly("new.py");
        assertThat(board.file("/new.py")).isEqualTo("b = 2\n");
        assertThat(board.calls).contains("_belay_done").doesNotContain("_belay_ls", "_belay_commit");
    }

    @Test
    void aChangedFileOnABoardWithoutRenameGoesThroughItsTemporaryFile() throws IOException {
        write("old.py", "a = 3\n");
        ScriptedBoard board = new ScriptedBoard(true, false).withFile("/old.py", "a = 1\n");
        new FileSync(local, SyncOptions.defaults()).run(board);
        assertThat(board.file("/old.py")).isEqualTo("a = 3\n");
        assertThat(board.calls).contains("_belay_commit").doesNotContain("_belay_done");
    }

    @Test
    void aBoardWithoutStatGetsTheFlatHelpersWhichAreDeletedAfterTheSync() throws IOException {
        write("main.py", "x = 1\n");
        ScriptedBoard board = new ScriptedBoard(false, false);
        new FileSync(local, SyncOptions.defaults()).run(board);
        assertThat(board.file("main.py")).isEqualTo("x = 1\n");
        assertThat(board.calls).contains("_belay_ls").doesNotContain("_belay_tree");
        assertThat(board.defined).isEmpty();
    }

    @Test
    void theFullHelpersStayForTheNextSyncWhichListsInOneCommand() throws IOException {
        write("main.py", "x = 1\n");
        ScriptedBoard board = new ScriptedBoard(true, true);
        new FileSync(local, SyncOptions.defaults()).run(board);
        SyncResult again = new FileSync(local, SyncOptions.defaults()).run(board);
        assertThat(again.skipped()).containsExactly("main.py");
        assertThat(again.roundTrips()).isEqualTo(1);
    }

    @ParameterizedTest(name = "os.stat {0}, os.rename {1}")
    @CsvSource({"true, true", "true, false", "false, false", "false, true"})
    void everyHelperASyncCallsIsDefinedByTheSetItInstalled(boolean stat, boolean rename) throws IOException {
        String root = stat ? "/" : "";
        write("new.py", "n = 1\n");
        write("changed.py", "c = 2\n");
        write("same.py", "s = 1\n");
        ScriptedBoard board = new ScriptedBoard(stat, rename).withFile(root + "changed.py", "c = 1\n")
                .withFile(root + "same.py", "s = 1\n").withFile(root + "gone.py", "g = 1\n")
                .withFile(root + "left.py.belay-tmp", "partial");
        SyncResult result = new FileSync(local, SyncOptions.defaults()).run(board);
        assertThat(result.written()).containsExactly("changed.py", "new.py");
        assertThat(result.skipped()).containsExactly("same.py");
        assertThat(result.deleted()).containsExactly("gone.py");
        assertThat(board.files).containsOnlyKeys(root + "changed.py", root + "new.py", root + "same.py");
        assertThat(board.file(root + "changed.py")).isEqualTo("c = 2\n");
    }
}
