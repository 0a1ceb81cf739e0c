package dev.belay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HistoryTest {

    private final History history = new History();

    private void record(HistoryScope scope, String code) {
        history.record(scope, new HistoryEntry(HistoryEntry.Kind.EXEC, code, code), target -> target.exec(code, null));
    }

    @Test
    void entriesOfEveryOpenScopeAreKeptInTheOrderTheyWereRecorded() {
        HistoryScope run = history.root();
        HistoryScope suite = history.open("class", run);
        record(run, "a");
        record(suite, "b");
        record(run, "c");
        assertThat(history.entries()).extracting(HistoryEntry::code).containsExactly("a", "b", "c");
        assertThat(suite.entries()).extracting(HistoryEntry::code).containsExactly("b");
        assertThat(run.entries()).extracting(HistoryEntry::code).containsExactly("a", "b", "c");
    }

    @Test
    void closingAScopeDropsWhatItAndItsChildrenRecordedAndMarksTheBoardStale() {
        HistoryScope suite = history.open("class", history.root());
        HistoryScope test = history.open("test", suite);
        record(history.root(), "run");
        record(suite, "class");
        record(test, "test");
        suite.close();
        assertThat(history.entries()).extracting(HistoryEntry::code).containsExactly("run");
        assertThat(history.isStale()).isTrue();
        assertThat(test.isClosed()).isTrue();
    }

    @Test
    void closingAScopeThatRecordedNothingLeavesTheBoardAsItIs() {
        history.open("empty", history.root()).close();
        assertThat(history.isStale()).isFalse();
    }

    @Test
    void closingTwiceDoesNothing() {
        HistoryScope scope = history.open("class", history.root());
        record(scope, "x");
        scope.close();
        history.markRestored();
        scope.close();
        assertThat(history.isStale()).isFalse();
    }

    @Test
    void nothingCanBeRecordedIntoAClosedScope() {
        HistoryScope scope = history.open("FooTest", history.root());
        scope.close();
        assertThatThrownBy(() -> record(scope, "x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The history scope 'FooTest' is closed");
        assertThatThrownBy(() -> history.open("inner", scope)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theRootScopeCannotBeClosed() {
        assertThatThrownBy(() -> history.root().close()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("close the device instead");
    }

    @Test
    void aRestoreMarksTheBoardStaleUntilItFinishes() {
        history.markStale();
        assertThat(history.isStale()).isTrue();
        history.markRestored();
        assertThat(history.isStale()).isFalse();
    }
}
