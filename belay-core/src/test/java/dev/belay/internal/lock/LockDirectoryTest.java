package dev.belay.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockDirectoryTest {

    @TempDir
    Path root;

    @Test
    void theSystemDirectoryIsUsedWhenItCanBeWritten() throws Exception {
        Path system = Files.createDirectory(root.resolve("lock"));
        assertThat(LockDirectory.choose(null, system, root.resolve("tmp"))).isEqualTo(new LockDirectory(system, false));
    }

    @Test
    void withoutAUsableSystemDirectoryLocksGoToTheTemporaryOneAndMessagesSaySo() {
        LockDirectory chosen = LockDirectory.choose(null, root.resolve("no-such-lock-dir"), root);
        assertThat(chosen).isEqualTo(new LockDirectory(root.resolve("belay-locks"), true));
        assertThat(chosen.path()).isDirectory();
        assertThat(chosen.describe(chosen.path().resolve("LCK..ttyACM0"))).isEqualTo(root.resolve("belay-locks")
                + "/LCK..ttyACM0; /var/lock is not writable here, so only Belay processes see it");
    }

    @Test
    void aConfiguredDirectoryIsCreatedAndUsed() {
        Path configured = root.resolve("lab/locks");
        assertThat(LockDirectory.choose(configured, root, root)).isEqualTo(new LockDirectory(configured, false));
        assertThat(configured).isDirectory();
    }
}
