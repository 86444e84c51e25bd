package dev.hourglass.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.UnusableScheduleException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EveryTest {

    private static final Instant PLANNED = Instant.parse("2026-06-01T12:00:00Z");
    /** Created at 11:00, so its grid has a slot every five minutes on the hour. */
    private final Every fiveMinutes = new Every(Duration.ofMinutes(5).toMillis(), Instant.parse("2026-06-01T11:00:00Z"));
    private final Every unanchored = new Every(Duration.ofMinutes(5).toMillis());

    @Test
    void the_next_fire_is_the_grids_next_slot_however_long_the_run_took() {
        assertThat(fiveMinutes.nextFire(PLANNED, PLANNED.plusSeconds(1))).contains(Instant.parse("2026-06-01T12:05:00Z"));
        assertThat(fiveMinutes.nextFire(PLANNED, PLANNED.plusSeconds(299))).contains(Instant.parse("2026-06-01T12:05:00Z"));
    }

    @Test
    void slots_already_in_the_past_are_skipped_and_the_grid_is_kept() {
        // The run ended at 12:17:30: 12:05, 12:10 and 12:15 are gone, 12:20 is the next slot.
        assertThat(fiveMinutes.nextFire(PLANNED, Instant.parse("2026-06-01T12:17:30Z")))
                .contains(Instant.parse("2026-06-01T12:20:00Z"));
    }

    @Test
    void a_run_ending_exactly_on_a_slot_fires_at_the_following_one() {
        assertThat(fiveMinutes.nextFire(PLANNED, Instant.parse("2026-06-01T12:10:00Z")))
                .contains(Instant.parse("2026-06-01T12:15:00Z"));
    }

    @Test
    void a_manual_run_keeps_the_grid() {
        Instant now = Instant.parse("2026-06-01T12:03:17Z");

        assertThat(fiveMinutes.nextFire(null, now)).contains(Instant.parse("2026-06-01T12:05:00Z"));
    }

    @Test
    void a_retry_or_catch_up_fire_off_the_grid_is_followed_by_the_grids_next_slot() {
        Instant retriedAt = Instant.parse("2026-06-01T12:00:31Z");
        Instant caughtUpAt = Instant.parse("2026-06-01T14:17:05Z");

        assertThat(fiveMinutes.nextFire(retriedAt, retriedAt.plusSeconds(2)))
                .contains(Instant.parse("2026-06-01T12:05:00Z"));
        assertThat(fiveMinutes.nextFire(caughtUpAt, caughtUpAt.plusSeconds(1)))
                .contains(Instant.parse("2026-06-01T14:20:00Z"));
    }

    @Test
    void activation_fires_at_the_grids_next_slot() {
        assertThat(fiveMinutes.activationFire(PLANNED)).contains(Instant.parse("2026-06-01T12:05:00Z"));
        assertThat(fiveMinutes.activationFire(Instant.parse("2026-06-01T12:03:17Z")))
                .contains(Instant.parse("2026-06-01T12:05:00Z"));
    }

    @Test
    void the_first_fire_of_a_new_job_is_one_interval_after_its_creation() {
        Instant createdAt = Instant.parse("2026-06-01T12:03:17.123Z");
        Schedule anchored = unanchored.anchoredAt(createdAt);

        assertThat(anchored).isEqualTo(new Every(unanchored.intervalMs(), createdAt));
        assertThat(anchored.activationFire(createdAt)).contains(createdAt.plus(Duration.ofMinutes(5)));
        assertThat(anchored.anchoredAt(PLANNED)).as("anchored once, for good").isSameAs(anchored);
    }

    @Test
    void without_an_anchor_it_plans_one_interval_from_now() {
        Instant now = Instant.parse("2026-06-01T12:03:17Z");

        assertThat(unanchored.nextFire(null, now)).contains(Instant.parse("2026-06-01T12:08:17Z"));
        assertThat(unanchored.nextFire(PLANNED, now)).contains(Instant.parse("2026-06-01T12:08:17Z"));
        assertThat(unanchored.activationFire(now)).contains(Instant.parse("2026-06-01T12:08:17Z"));
    }

    @Test
    void always_has_a_future_fire_and_repeats() {
        fiveMinutes.requireFutureFire(PLANNED);

        assertThat(fiveMinutes.repeats()).isTrue();
        assertThat(fiveMinutes.kind()).isEqualTo("every");
    }

    @Test
    void a_failed_run_retries_when_the_backoff_ends() {
        assertThat(fiveMinutes.retryAt(PLANNED.plusSeconds(30), PLANNED)).isEqualTo(PLANNED.plusSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, -60_000, Long.MIN_VALUE})
    void refuses_an_interval_that_is_not_positive(long intervalMs) {
        assertThatThrownBy(() -> new Every(intervalMs))
                .isInstanceOfSatisfying(UnusableScheduleException.class,
                        e -> assertThat(e.field()).isEqualTo("schedule.intervalMs"))
                .hasMessage("schedule.intervalMs must be a positive number of milliseconds, got " + intervalMs);
    }

    @Test
    void refuses_an_interval_over_ten_years_and_takes_ten_years() {
        long tenYears = Duration.ofDays(3653).toMillis();

        assertThat(new Every(tenYears).intervalMs()).isEqualTo(tenYears);
        assertThatThrownBy(() -> new Every(tenYears + 1))
                .isInstanceOfSatisfying(UnusableScheduleException.class,
                        e -> assertThat(e.field()).isEqualTo("schedule.intervalMs"))
                .hasMessageContaining("at most " + tenYears);
    }

    @ParameterizedTest(name = "{0} ms is \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            300000     | every 5 minutes
            60000      | every minute
            1500       | every 1500 milliseconds
            1          | every millisecond
            1000       | every second
            90000      | every 90 seconds
            7200000    | every 2 hours
            86400000   | every day
            604800000  | every 7 days
            """)
    void describes_itself_in_the_largest_exact_unit(long intervalMs, String description) {
        assertThat(new Every(intervalMs).describe()).isEqualTo(description);
    }

    @Test
    void after_the_clock_was_stepped_back_past_the_planned_instant_it_plans_from_now() {
        Every every = new Every(60_000);
        Instant now = Instant.parse("2026-11-28T09:00:00Z");

        assertThat(every.nextFire(Instant.parse("2026-11-28T10:00:00Z"), now)).contains(now.plusSeconds(60));
    }

    @Test
    void after_the_clock_was_stepped_back_past_the_anchor_it_plans_the_grids_next_slot_from_now() {
        Every every = new Every(60_000, Instant.parse("2026-11-28T10:00:00Z"));
        Instant now = Instant.parse("2026-11-28T09:00:00.500Z");

        assertThat(every.nextFire(Instant.parse("2026-11-28T10:01:00Z"), now))
                .contains(Instant.parse("2026-11-28T09:01:00Z"));
        assertThat(every.activationFire(now)).contains(Instant.parse("2026-11-28T09:01:00Z"));
    }
}
