package dev.hourglass.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8Test {

    private static final String EURO = "\u20AC";              // 3 bytes
    private static final String GRINNING = "\uD83D\uDE00";    // 4 bytes, a surrogate pair

    @ParameterizedTest(name = "\"{0}\" is {1} bytes")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""      | 0
            abc     | 3
            é       | 2
            €       | 3
            😀      | 4
            a€😀é   | 10
            Grüße   | 7
            """)
    void counts_the_bytes_of_utf_8(String text, int bytes) {
        assertThat(Utf8.byteLength(text)).isEqualTo(bytes).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void counts_a_lone_surrogate_as_three_bytes() {
        assertThat(Utf8.byteLength("\uD83D")).isEqualTo(3);
        assertThat(Utf8.byteLength("a\uDE00")).isEqualTo(4);
    }

    @Test
    void null_stays_null() {
        assertThat(Utf8.truncate(null, 10)).isNull();
    }

    @Test
    void text_that_fits_is_kept_whole() {
        assertThat(Utf8.truncate("abc", 3)).isEqualTo("abc");
        assertThat(Utf8.truncate(EURO + EURO, 6)).isEqualTo(EURO + EURO);
        assertThat(Utf8.truncate(GRINNING, 4)).isEqualTo(GRINNING);
    }

    @Test
    void cuts_ascii_at_the_byte_limit() {
        assertThat(Utf8.truncate("abcdef", 4)).isEqualTo("abcd");
    }

    @Test
    void never_splits_a_multi_byte_character() {
        assertThat(Utf8.truncate("a" + EURO, 3)).isEqualTo("a");
        assertThat(Utf8.truncate("a" + EURO, 2)).isEqualTo("a");
        assertThat(Utf8.truncate("ééééé", 5)).isEqualTo("éé");
    }

    @Test
    void never_splits_a_surrogate_pair() {
        assertThat(Utf8.truncate(GRINNING + GRINNING, 7)).isEqualTo(GRINNING);
        assertThat(Utf8.truncate(GRINNING + GRINNING, 5)).isEqualTo(GRINNING);
        assertThat(Utf8.truncate("a" + GRINNING, 4)).isEqualTo("a");
        assertThat(Utf8.truncate(GRINNING, 3)).isEmpty();
    }

    @Test
    void keeps_the_longest_prefix_that_fits_in_four_kib() {
        String text = "a" + GRINNING.repeat(1_100); // 4401 bytes

        String kept = Utf8.truncate(text, 4_096);

        assertThat(kept).isEqualTo("a" + GRINNING.repeat(1_023));
        assertThat(Utf8.byteLength(kept)).isEqualTo(4_093);
    }
}
