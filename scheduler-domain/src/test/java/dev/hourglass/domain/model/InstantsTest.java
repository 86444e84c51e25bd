package dev.hourglass.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantsTest {

    @Test
    void formats_with_exactly_three_fraction_digits_in_utc() {
        assertThat(Instants.format(Instant.parse("2026-12-01T08:00:00Z"))).isEqualTo("2026-12-01T08:00:00.000Z");
        assertThat(Instants.format(Instant.parse("2026-12-01T08:00:00.123456789Z"))).isEqualTo("2026-12-01T08:00:00.123Z");
        assertThat(Instants.format(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01T00:00:00.000Z");
    }

    @Test
    void the_hand_written_codec_agrees_with_the_standard_formatter_everywhere() {
        DateTimeFormatter reference = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(-62_135_596_800_000L, 253_402_300_799_999L));
            String text = Instants.format(instant);
            assertThat(text).isEqualTo(reference.format(instant));
            assertThat(Instants.parse(text)).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-01T08:00:00Z", "2026-12-01T08:00:00.000+01:00", "2026-02-30T08:00:00.000Z",
            "2026-12-01T24:00:00.000Z", "2026-12-01 08:00:00.000Z", "x026-12-01T08:00:00.000Z", ""})
    void anything_but_the_exact_form_is_refused(String text) {
        assertThatThrownBy(() -> Instants.parse(text)).isInstanceOf(DateTimeException.class);
    }
}
