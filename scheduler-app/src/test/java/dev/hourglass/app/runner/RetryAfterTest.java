package dev.hourglass.app.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Instant now = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void seconds_and_http_dates_are_understood() {
        assertThat(RetryAfter.parse("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 7 ", now)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Sat, 28 Nov 2026 10:01:00 GMT", now)).contains(Duration.ofMinutes(1));
    }

    @Test
    void a_date_in_the_past_means_now_and_absurd_delays_are_capped_at_a_day() {
        assertThat(RetryAfter.parse("Sat, 28 Nov 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("999999999", now)).contains(Duration.ofDays(1));
    }

    @Test
    void garbage_gives_no_hint() {
        assertThat(RetryAfter.parse(null, now)).isEmpty();
        assertThat(RetryAfter.parse("", now)).isEmpty();
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse("-5", now)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999", now)).isEmpty();
    }
}
