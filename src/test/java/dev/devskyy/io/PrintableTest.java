package dev.devskyy.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text from outside, made safe to show a person: nothing in it drives the terminal or hides. */
class PrintableTest {
    @Test
    void controlCharactersAreShownAsEscapes_aTabStays() {
        assertThat(Printable.of("a\u001b[2Jb\nc\0d\te")).isEqualTo("a\\u001b[2Jb\\u000ac\\0d\te");
    }

    @Test
    void bidiOverridesZeroWidthAndSeparators_areShownAsEscapes() {
        // "Trojan Source": a right-to-left override makes a line read in another order
        assertThat(Printable.of("ok\u202Eevil\u2066x\u2069\u200B\uFEFF\u2028\u2029"))
                .isEqualTo("ok\\u202eevil\\u2066x\\u2069\\u200b\\ufeff\\u2028\\u2029");
    }

    @Test
    void accentsAndOtherScriptsStayAsTheyAre() {
        assertThat(Printable.of("Café 東京 Привет ✓")).isEqualTo("Café 東京 Привет ✓");
    }

    @Test
    void longTextIsCutWithAnEllipsis() {
        assertThat(Printable.of("abcdef", 3)).isEqualTo("abc…");
    }
}
