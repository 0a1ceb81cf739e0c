package dev.belay.value;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptTest {

    @Test
    void invisibleCharactersAreEscapedAndBackslashesKept() {
        assertThat(Excerpt.quoted("a\tb\u0000\u0085\u200b\udc00\\x04 é 😀"))
                .isEqualTo("'a\\tb\\x00\\x85\\u200b\\udc00\\x04 é 😀'");
    }

    @Test
    void aLongTextIsCutAtItsStart() {
        assertThat(Excerpt.quoted("x".repeat(200))).isEqualTo("'" + "x".repeat(117) + "...'");
    }

    @Test
    void aLongTextIsQuotedAroundThePosition() {
        String text = "a".repeat(100) + "<here>" + "b".repeat(100);
        assertThat(Excerpt.around(text, 100)).isEqualTo("'..." + "a".repeat(40) + "<here>" + "b".repeat(34) + "...'");
        assertThat(Excerpt.around(text, text.length())).isEqualTo("'..." + "b".repeat(40) + "'");
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String text = "😀".repeat(100);
        assertThat(Excerpt.quoted(text)).isEqualTo("'" + "😀".repeat(58) + "...'");
        assertThat(Excerpt.around(text, 101)).isEqualTo("'..." + "😀".repeat(40) + "...'");
    }
}
