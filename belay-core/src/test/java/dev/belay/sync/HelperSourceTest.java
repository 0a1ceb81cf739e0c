package dev.belay.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HelperSourceTest {

    @Test
    void theFallbackHashIsThirtyTwoBitFnv1a() {
        // Reference values of FNV-1a 32: the empty input and "a".
        assertThat(ContentHash.of(new byte[0], false)).isEqualTo(0x811c9dc5L);
        assertThat(ContentHash.of("a".getBytes(StandardCharsets.US_ASCII), false)).isEqualTo(0xe40c292cL);
    }

    @Test
    void helpersAreSplitAtTopLevelStatementsKeepingExceptWithItsTry() {
        String source = "import os\ntry:\n    import x\nexcept ImportError:\n    x = None\ndef f():\n    return 1\n";
        assertThat(HelperSource.topLevelBlocks(source)).containsExactly(
                "import os\n", "try:\n    import x\nexcept ImportError:\n    x = None\n", "def f():\n    return 1\n");
    }

    @Test
    void theNamesABlockDefinesAreFoundForDeletion() {
        assertThat(HelperSource.definedNames("def _belay_w(data, end):\n    global _belay_p\n")).containsExactly("_belay_w");
        assertThat(HelperSource.definedNames("import os as _belay_os, gc as _belay_gc\n"))
                .containsExactly("_belay_os", "_belay_gc");
        assertThat(HelperSource.definedNames("_belay_f, _belay_p = None, 0\n")).containsExactly("_belay_f", "_belay_p");
        assertThat(HelperSource.definedNames("if _belay_x:\n    pass\n")).isEmpty();
    }

    @Test
    void bothHelperSetsDefineEveryFunctionTheSyncCallsWhateverTheRenameCapability() {
        // The functions BoardFiles' implementations call; _belay_done where there is no rename.
        String[] called = {"_belay_open", "_belay_w", "_belay_commit", "_belay_done", "_belay_abort", "_belay_remove",
                "_belay_p"};
        assertThat(HelperSource.load("belay_sync.py").names()).contains(called).contains("_belay_tree", "_belay_mkdir",
                "_belay_rmdir", "_belay_wb");
        assertThat(HelperSource.load("belay_sync_flat.py").names()).contains(called).contains("_belay_ls");
    }
}
