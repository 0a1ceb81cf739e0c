package dev.belay.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** What a sync decides to do, from the two listings alone: no board, no files on disk. */
class SyncPlanTest {

    private static final Capabilities FULL = new Capabilities(true, true, true, false);
    private static final Capabilities NO_RENAME = new Capabilities(true, false, true, false);

    private final List<LocalFile> files = new ArrayList<>();
    private final List<String> folders = new ArrayList<>();
    private final List<BoardEntry> board = new ArrayList<>();
    /** The local files' hashes, by relative path; a file without one hashes as its name. */
    private final Map<String, Object> hashes = new HashMap<>();
    private final List<String> hashed = new ArrayList<>();

    private SyncPlanTest local(String relative, long size) {
        files.add(new LocalFile(relative, Path.of("/nowhere", relative), size));
        return this;
    }

    private SyncPlanTest onBoard(String path, long size, Object hash) {
        board.add(new BoardEntry(path, size, hash));
        return this;
    }

    private SyncPlan plan(Capabilities caps, SyncOptions options) {
        BiFunction<LocalFile, Boolean, Object> hash = (file, sha256) -> {
            hashed.add(file.relative());
            return hashes.getOrDefault(file.relative(), file.relative());
        };
        return SyncPlan.of(new LocalTree(Path.of("/nowhere"), files, folders), new BoardListing(caps, board), options,
                hash);
    }

    private SyncPlan plan() {
        return plan(FULL, SyncOptions.defaults());
    }

    private static List<String> written(SyncPlan plan) {
        return plan.writes().stream().map(write -> write.file().relative()).toList();
    }

    private static List<String> deleted(SyncPlan plan) {
        return plan.deletions().stream().map(deletion -> deletion.entry().path()).toList();
    }

    @Test
    void aFileMissingOnTheBoardIsWritten() {
        local("a.py", 6);
        assertThat(written(plan())).containsExactly("a.py");
    }

    @Test
    void aFileOfTheSameSizeAndHashIsSkipped() {
        local("a.py", 6).onBoard("/a.py", 6, "a.py");
        SyncPlan plan = plan();
        assertThat(plan.writes()).isEmpty();
        assertThat(plan.skipped()).extracting(LocalFile::relative).containsExactly("a.py");
    }

    @Test
    void aFileOfTheSameSizeButAnotherHashIsWritten() {
        local("a.py", 6).onBoard("/a.py", 6, "other");
        assertThat(written(plan())).containsExactly("a.py");
    }

    @Test
    void aFileOfAnotherSizeIsWrittenWithoutHashingIt() {
        local("a.py", 6).onBoard("/a.py", 7, "a.py");
        assertThat(written(plan())).containsExactly("a.py");
        assertThat(hashed).isEmpty();
    }

    @Test
    void withRenameEveryFileGoesThroughItsTemporaryFile() {
        local("new.py", 1).local("old.py", 1).onBoard("/old.py", 2, 0L);
        assertThat(plan().writes()).extracting(SyncPlan.Write::temp)
                .containsExactly("/new.py.belay-tmp", "/old.py.belay-tmp");
    }

    @Test
    void withoutRenameOnlyANewFileIsWrittenInPlace() {
        local("new.py", 1).local("old.py", 1).onBoard("/old.py", 2, 0L);
        assertThat(plan(NO_RENAME, SyncOptions.defaults()).writes())
                .extracting(SyncPlan.Write::path, SyncPlan.Write::inPlace)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/new.py", true),
                        org.assertj.core.groups.Tuple.tuple("/old.py", false));
    }

    @Test
    void missingFoldersAreMadeOutermostFirstAndExistingOnesLeft() {
        folders.addAll(List.of("lib", "lib/sub", "tests"));
        onBoard("/lib", BoardEntry.FOLDER, null);
        assertThat(plan().folders()).containsExactly("/lib/sub", "/tests");
    }

    @Test
    void aDestinationFolderIsMadeFirstAndFilesGoUnderIt() {
        local("a.py", 1);
        folders.add("lib");
        SyncPlan plan = plan(FULL, SyncOptions.defaults().withDestination("/app"));
        assertThat(plan.folders()).containsExactly("/app", "/app/lib");
        assertThat(plan.writes()).extracting(SyncPlan.Write::path).containsExactly("/app/a.py");
    }

    @Test
    void boardEntriesMissingLocallyAreDeletedDeepestFirst() {
        onBoard("/old", BoardEntry.FOLDER, null).onBoard("/old/deep", BoardEntry.FOLDER, null)
                .onBoard("/old/deep/x.py", 1, 0L).onBoard("/gone.py", 1, 0L);
        assertThat(deleted(plan())).containsExactly("/old/deep/x.py", "/old/deep", "/old", "/gone.py");
    }

    @Test
    void keptNamesAndIgnoredFilesStayOnTheBoard() {
        onBoard("/boot.py", 1, 0L).onBoard("/lib", BoardEntry.FOLDER, null).onBoard("/lib/driver.py", 1, 0L)
                .onBoard("/cache.pyc", 1, 0L).onBoard("/x.py", 1, 0L);
        assertThat(deleted(plan())).containsExactly("/x.py");
        assertThat(deleted(plan(FULL, SyncOptions.defaults().withKeep(Set.of("x.py")))))
                .containsExactly("/lib/driver.py", "/boot.py", "/lib");
    }

    @Test
    void leftoverTemporaryFilesAreDeletedEvenWhereKeptButNotReported() {
        onBoard("/boot.py.belay-tmp", 1, 0L).onBoard("/gone.py", 1, 0L);
        SyncPlan plan = plan(FULL, SyncOptions.defaults().withKeep(Set.of("boot.py.belay-tmp")));
        assertThat(plan.deletions()).extracting(SyncPlan.Deletion::relative, SyncPlan.Deletion::leftover)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("boot.py.belay-tmp", true),
                        org.assertj.core.groups.Tuple.tuple("gone.py", false));
    }

    @Test
    void entriesOutsideTheDestinationAreLeftAlone() {
        onBoard("/other.py", 1, 0L).onBoard("/app/gone.py", 1, 0L);
        assertThat(deleted(plan(FULL, SyncOptions.defaults().withDestination("/app")))).containsExactly("/app/gone.py");
    }

    @Test
    void onAFlatFilesystemPathsAreBareNames() {
        local("main.py", 3).onBoard("gone.py", 1, 0L);
        SyncPlan plan = plan(Capabilities.FLAT, SyncOptions.defaults());
        assertThat(plan.writes()).extracting(SyncPlan.Write::path, SyncPlan.Write::inPlace)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("main.py", true));
        assertThat(deleted(plan)).containsExactly("gone.py");
    }

    @Test
    void aTreeWithSubfoldersIsRefusedForAFlatFilesystem() {
        folders.add("lib");
        assertThatThrownBy(() -> plan(Capabilities.FLAT, SyncOptions.defaults()))
                .isInstanceOf(SyncException.class)
                .hasMessage("This board's firmware has no folders (no os.stat, os.mkdir), but /nowhere has subfolders: "
                        + "[lib]. Nothing was written. Flatten the tree for this board, or leave the subfolders out "
                        + "with ignore patterns.");
    }

    @Test
    void aDestinationOtherThanTheRootIsRefusedForAFlatFilesystem() {
        assertThatThrownBy(() -> plan(Capabilities.FLAT, SyncOptions.defaults().withDestination("/app")))
                .isInstanceOf(SyncException.class)
                .hasMessageContaining("cannot sync into /app");
    }
}
