package dev.belay.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileSyncTest {

    @Test
    void theFallbackHashIsThirtyTwoBitFnv1a() {
        // Reference values of FNV-1a 32: the empty input and "a".
        assertThat(FileSync.hash(new byte[0], false)).isEqualTo(0x811c9dc5L);
        assertThat(FileSync.hash("a".getBytes(StandardCharsets.US_ASCII), false)).isEqualTo(0xe40c292cL);
    }

    @Test
    void helpersAreSplitAtTopLevelStatementsKeepingExceptWithItsTry() {
        String source = "import os\ntry:\n    import x\nexcept ImportError:\n    x = None\ndef f():\n    return 1\n";
        assertThat(FileSync.topLevelBlocks(source)).containsExactly(
                "import os\n", "try:\n    import x\nexcept ImportError:\n    x = None\n", "def f():\n    return 1\n");
    }

    @Test
    void theNamesABlockDefinesAreFoundForDeletion() {
        assertThat(FileSync.definedNames("def _belay_w(data, end):\n    global _belay_p\n")).containsExactly("_belay_w");
        assertThat(FileSync.definedNames("import os as _belay_os, gc as _belay_gc\n"))
                .containsExactly("_belay_os", "_belay_gc");
        assertThat(FileSync.definedNames("_belay_f, _belay_p = None, 0\n")).containsExactly("_belay_f", "_belay_p");
        assertThat(FileSync.definedNames("if _belay_x:\n    pass\n")).isEmpty();
    }
}
