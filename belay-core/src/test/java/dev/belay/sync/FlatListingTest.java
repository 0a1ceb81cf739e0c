package dev.belay.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The flat helper set's listing page: "size hash length name" lines, the name taken by its length. */
class FlatListingTest {

    private static List<BoardEntry> page(String text) {
        return FlatBoardFiles.page(text, "the listing", text);
    }

    @Test
    void aNameHoldingANewlineOrSpacesIsReadWhole() {
        assertThat(page("3 7 8 odd\nname\n12 99 9 two words\n")).containsExactly(
                new BoardEntry("odd\nname", 3, 7L), new BoardEntry("two words", 12, 99L));
    }

    @Test
    void aNameOutsideTheBasicPlaneIsCountedInCharactersAsTheBoardCounts() {
        assertThat(page("1 2 3 a\uD83D\uDE00b\n")).containsExactly(new BoardEntry("a\uD83D\uDE00b", 1, 2L));
    }

    @Test
    void aLengthThatDoesNotEndTheLineIsRefusedNamingThePage() {
        assertThatThrownBy(() -> page("3 7 2 odd\nname\n"))
                .isInstanceOf(SyncException.class)
                .hasMessageStartingWith("The board answered the listing with '3 7 2 odd\\nname\\n', which is not what "
                        + "Belay's sync helpers send: the board's helpers (globals named _belay_...) may have been "
                        + "replaced");
    }

    @Test
    void theOldFormatWithoutALengthIsRefused() {
        assertThatThrownBy(() -> page("main.py 12 345\n")).isInstanceOf(SyncException.class);
    }

    @Test
    void aNameLongerThanThePageIsRefused() {
        assertThatThrownBy(() -> page("1 2 99 short\n")).isInstanceOf(SyncException.class);
    }
}
