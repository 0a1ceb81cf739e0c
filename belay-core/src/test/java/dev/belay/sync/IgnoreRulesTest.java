package dev.belay.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IgnoreRulesTest {

    @Test
    void aNamePatternMatchesAtAnyDepth() {
        IgnoreRules rules = IgnoreRules.of(List.of("*.pyc"));
        assertThat(rules.ignores("a.pyc", false)).isTrue();
        assertThat(rules.ignores("lib/deep/b.pyc", false)).isTrue();
        assertThat(rules.ignores("a.py", false)).isFalse();
    }

    @Test
    void aFolderPatternLeavesOutEverythingInIt() {
        IgnoreRules rules = IgnoreRules.of(List.of("__pycache__/"));
        assertThat(rules.ignores("lib/__pycache__", true)).isTrue();
        assertThat(rules.ignores("lib/__pycache__/x.pyc", false)).isTrue();
        assertThat(rules.ignores("__pycache__", false)).isFalse();
    }

    @Test
    void aLeadingSlashAnchorsToTheSyncedFolder() {
        IgnoreRules rules = IgnoreRules.of(List.of("/tests"));
        assertThat(rules.ignores("tests", true)).isTrue();
        assertThat(rules.ignores("lib/tests", true)).isFalse();
    }

    @Test
    void doubleStarCrossesFolders() {
        IgnoreRules rules = IgnoreRules.of(List.of("docs/**/*.md"));
        assertThat(rules.ignores("docs/a/b/c.md", false)).isTrue();
        assertThat(rules.ignores("docs/c.md", false)).isTrue();
        assertThat(rules.ignores("src/c.md", false)).isFalse();
    }

    @Test
    void theLastMatchingPatternDecidesAndNegationTakesBack() {
        IgnoreRules rules = IgnoreRules.of(List.of("*.txt", "!keep.txt", "# a comment", ""));
        assertThat(rules.ignores("notes.txt", false)).isTrue();
        assertThat(rules.ignores("keep.txt", false)).isFalse();
    }

    @Test
    void questionMarkIsOneCharacter() {
        IgnoreRules rules = IgnoreRules.of(List.of("log?.txt"));
        assertThat(rules.ignores("log1.txt", false)).isTrue();
        assertThat(rules.ignores("log12.txt", false)).isFalse();
    }
}
