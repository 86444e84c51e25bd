package dev.hourglass.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.error.UnusableScheduleException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Typed schedules: checked as they are made, and the same specs as their JSON forms. */
class SchedulesTest {

    @Test
    void at_keeps_the_instant_to_the_millisecond() {
        Instant instant = Instant.parse("2026-12-01T08:00:00.123456Z");

        Schedule schedule = Schedules.at(instant).resolve(ZoneId.of("UTC"));

        assertThat(schedule).isEqualTo(new At(Instant.parse("2026-12-01T08:00:00.123Z")));
    }

    @Test
    void every_takes_whole_positive_milliseconds() {
        assertThat(Schedules.every(Duration.ofMinutes(1))).isEqualTo(ScheduleSpec.every(60_000));
        assertThatThrownBy(() -> Schedules.every(Duration.ZERO)).isInstanceOf(UnusableScheduleException.class);
        assertThatThrownBy(() -> Schedules.every(Duration.ofMillis(-5))).isInstanceOf(UnusableScheduleException.class);
        assertThatThrownBy(() -> Schedules.every(Duration.ofNanos(1_500_000)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("schedule.intervalMs"));
        assertThatThrownBy(() -> Schedules.every(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(UnusableScheduleException.class);
    }

    @Test
    void cron_is_parsed_as_it_is_made() {
        assertThat(Schedules.cron("0 9 * * 1-5", ZoneId.of("Europe/Berlin")))
                .isEqualTo(ScheduleSpec.cron("0 9 * * 1-5", "Europe/Berlin"));
        assertThat(Schedules.cron("0 9 * * 1-5")).isEqualTo(ScheduleSpec.cron("0 9 * * 1-5", null));
        assertThatThrownBy(() -> Schedules.cron("0 0 9 * * 1-5")).isInstanceOf(UnusableScheduleException.class);
        assertThatThrownBy(() -> Schedules.cron("@daily", ZoneId.of("UTC"))).isInstanceOf(UnusableScheduleException.class);
    }
}
