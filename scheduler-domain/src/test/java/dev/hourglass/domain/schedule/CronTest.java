package dev.hourglass.domain.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.UnusableScheduleException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CronTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    /** A fixed minute and hour field: the job runs on wall-clock time (CONTRACT §3). */
    @Nested
    class Daylight_saving_time_on_wall_clock_time {

        @Test
        void a_daily_fire_in_the_berlin_spring_gap_happens_once_at_the_end_of_the_gap() {
            // 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00 UTC); 02:30 does not exist.
            Cron cron = Cron.of("30 2 * * *", BERLIN);

            assertThat(fires(cron, "2026-03-28T12:00:00Z", 2))
                    .containsExactly(Instant.parse("2026-03-29T01:00:00Z"), Instant.parse("2026-03-30T00:30:00Z"));
        }

        @Test
        void a_daily_fire_in_the_new_york_spring_gap_happens_once_at_the_end_of_the_gap() {
            // 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00 UTC).
            Cron cron = Cron.of("30 2 * * *", NEW_YORK);

            assertThat(fires(cron, "2026-03-07T12:00:00Z", 2))
                    .containsExactly(Instant.parse("2026-03-08T07:00:00Z"), Instant.parse("2026-03-09T06:30:00Z"));
        }

        @Test
        void every_minute_of_a_range_inside_the_gap_fires_once_together_at_the_end_of_the_gap() {
            Cron cron = Cron.of("0-10 2 * * *", NEW_YORK);

            // 02:00-02:10 EST do not exist: one fire at 03:00 EDT; the next night fires all eleven.
            assertThat(fires(cron, "2026-03-08T06:00:00Z", 3)).containsExactly(
                    Instant.parse("2026-03-08T07:00:00Z"),
                    Instant.parse("2026-03-09T06:00:00Z"),
                    Instant.parse("2026-03-09T06:01:00Z"));
        }

        @Test
        void a_daily_fire_in_the_berlin_autumn_overlap_happens_once_in_the_first_pass() {
            // 2026-10-25: 03:00 CEST falls back to 02:00 CET (01:00 UTC); 02:30 happens at 00:30 and 01:30 UTC.
            Cron cron = Cron.of("30 2 * * *", BERLIN);

            assertThat(fires(cron, "2026-10-24T12:00:00Z", 2))
                    .containsExactly(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
        }

        @Test
        void a_daily_fire_in_the_new_york_autumn_overlap_happens_once_in_the_first_pass() {
            // 2026-11-01: 02:00 EDT falls back to 01:00 EST (06:00 UTC); 01:30 happens at 05:30 and 06:30 UTC.
            Cron cron = Cron.of("30 1 * * *", NEW_YORK);

            assertThat(fires(cron, "2026-10-31T12:00:00Z", 2))
                    .containsExactly(Instant.parse("2026-11-01T05:30:00Z"), Instant.parse("2026-11-02T06:30:00Z"));
        }

        @Test
        void asked_during_the_second_pass_of_the_overlap_the_repeated_wall_time_does_not_fire_again() {
            Cron cron = Cron.of("30 1 * * *", NEW_YORK);

            // 06:10 UTC is 01:10 EST, after the fall-back: 01:30 EST (06:30 UTC) is a repeat.
            assertThat(cron.fireAfter(Instant.parse("2026-11-01T06:10:00Z")))
                    .contains(Instant.parse("2026-11-02T06:30:00Z"));
        }

        @Test
        void a_range_of_minutes_in_the_repeated_hour_fires_in_the_first_pass_only() {
            Cron cron = Cron.of("0-10 1 * * *", NEW_YORK);

            List<Instant> fires = fires(cron, "2026-11-01T04:00:00Z", 12);

            assertThat(fires.get(0)).isEqualTo(Instant.parse("2026-11-01T05:00:00Z"));
            assertThat(fires.get(10)).isEqualTo(Instant.parse("2026-11-01T05:10:00Z"));
            assertThat(fires.get(11)).as("01:00 EST of the next day").isEqualTo(Instant.parse("2026-11-02T06:00:00Z"));
        }

        @Test
        void a_weekday_job_keeps_its_local_times_across_the_change() {
            Cron cron = Cron.of("0 9,17 * * 1-5", BERLIN);

            // Friday 2026-03-27 in CET (UTC+1), Monday 2026-03-30 in CEST (UTC+2).
            assertThat(fires(cron, "2026-03-27T00:00:00Z", 4)).containsExactly(
                    Instant.parse("2026-03-27T08:00:00Z"),
                    Instant.parse("2026-03-27T16:00:00Z"),
                    Instant.parse("2026-03-30T07:00:00Z"),
                    Instant.parse("2026-03-30T15:00:00Z"));
        }

        @Test
        void a_fire_in_lord_howes_half_hour_gap_happens_at_half_past_two() {
            // 2026-10-04: 02:00 (UTC+10:30) jumps to 02:30 (UTC+11) at 15:30 UTC the day before.
            Cron cron = Cron.of("15 2 * * *", LORD_HOWE);

            assertThat(fires(cron, "2026-10-03T12:00:00Z", 2))
                    .containsExactly(Instant.parse("2026-10-03T15:30:00Z"), Instant.parse("2026-10-04T15:15:00Z"));
        }

        @Test
        void a_fire_in_lord_howes_repeated_half_hour_happens_once_in_the_first_pass() {
            // 2026-04-05: 02:00 (UTC+11) falls back to 01:30 (UTC+10:30) at 15:00 UTC the day before.
            Cron cron = Cron.of("45 1 * * *", LORD_HOWE);

            assertThat(fires(cron, "2026-04-04T12:00:00Z", 2))
                    .containsExactly(Instant.parse("2026-04-04T14:45:00Z"), Instant.parse("2026-04-05T15:15:00Z"));
        }

        @Test
        void a_wall_clock_job_every_minute_skips_the_two_repeated_hours_of_troll() {
            // Antarctica/Troll falls back from +02 to +00 on 2026-10-25 at 01:00 UTC: 01:00-03:00 repeat.
            Cron cron = Cron.of("0-59 0-23 * * *", ZoneId.of("Antarctica/Troll"));

            assertThat(cron.fireAfter(Instant.parse("2026-10-25T01:10:00Z")))
                    .contains(Instant.parse("2026-10-25T03:00:00Z"));
        }
    }

    /** A minute or hour field starting with {@code *}: the job runs on elapsed time (CONTRACT §3). */
    @Nested
    class Daylight_saving_time_on_elapsed_time {

        @Test
        void a_quarter_hourly_job_fires_in_both_passes_of_the_repeated_berlin_hour() {
            Cron cron = Cron.of("*/15 * * * *", BERLIN);

            // 02:00-02:45 CEST (00:00-00:45 UTC), then 02:00-02:45 CET (01:00-01:45 UTC), then 03:00 CET.
            assertThat(fires(cron, "2026-10-24T23:55:00Z", 9)).containsExactly(
                    Instant.parse("2026-10-25T00:00:00Z"),
                    Instant.parse("2026-10-25T00:15:00Z"),
                    Instant.parse("2026-10-25T00:30:00Z"),
                    Instant.parse("2026-10-25T00:45:00Z"),
                    Instant.parse("2026-10-25T01:00:00Z"),
                    Instant.parse("2026-10-25T01:15:00Z"),
                    Instant.parse("2026-10-25T01:30:00Z"),
                    Instant.parse("2026-10-25T01:45:00Z"),
                    Instant.parse("2026-10-25T02:00:00Z"));
        }

        @Test
        void an_hourly_job_fires_at_both_new_york_one_oclocks() {
            Cron cron = Cron.of("0 * * * *", NEW_YORK);

            // 01:00 EDT, 01:00 EST, 02:00 EST.
            assertThat(fires(cron, "2026-11-01T04:30:00Z", 3)).containsExactly(
                    Instant.parse("2026-11-01T05:00:00Z"),
                    Instant.parse("2026-11-01T06:00:00Z"),
                    Instant.parse("2026-11-01T07:00:00Z"));
        }

        @Test
        void a_two_hourly_job_fires_in_both_passes_of_the_repeated_berlin_hour() {
            Cron cron = Cron.of("5 */2 * * *", BERLIN);

            // 02:05 CEST, 02:05 CET, 04:05 CET.
            assertThat(fires(cron, "2026-10-24T23:00:00Z", 3)).containsExactly(
                    Instant.parse("2026-10-25T00:05:00Z"),
                    Instant.parse("2026-10-25T01:05:00Z"),
                    Instant.parse("2026-10-25T03:05:00Z"));
        }

        @Test
        void a_half_hourly_job_fires_every_half_hour_through_the_new_york_overlap() {
            Cron cron = Cron.of("*/30 * * * *", NEW_YORK);

            // 01:00 and 01:30 EDT, then 01:00 and 01:30 EST again, then 02:00 EST.
            assertThat(fires(cron, "2026-11-01T04:45:00Z", 5)).containsExactly(
                    Instant.parse("2026-11-01T05:00:00Z"),
                    Instant.parse("2026-11-01T05:30:00Z"),
                    Instant.parse("2026-11-01T06:00:00Z"),
                    Instant.parse("2026-11-01T06:30:00Z"),
                    Instant.parse("2026-11-01T07:00:00Z"));
        }

        @Test
        void a_quarter_hourly_job_has_no_fires_for_the_wall_times_of_the_berlin_gap() {
            Cron cron = Cron.of("*/15 * * * *", BERLIN);

            // 01:45 CET, then 03:00 CEST: 02:00-02:45 never happen.
            assertThat(fires(cron, "2026-03-29T00:40:00Z", 3)).containsExactly(
                    Instant.parse("2026-03-29T00:45:00Z"),
                    Instant.parse("2026-03-29T01:00:00Z"),
                    Instant.parse("2026-03-29T01:15:00Z"));
        }

        @Test
        void an_hourly_job_whose_minute_falls_in_the_gap_does_not_fire_at_the_end_of_the_gap() {
            Cron cron = Cron.of("45 * * * *", BERLIN);

            // 01:45 CET, then 03:45 CEST; 02:45 does not exist and nothing fires at 03:00 instead.
            assertThat(fires(cron, "2026-03-29T00:00:00Z", 2)).containsExactly(
                    Instant.parse("2026-03-29T00:45:00Z"),
                    Instant.parse("2026-03-29T01:45:00Z"));
        }

        @Test
        void a_two_hourly_job_skips_a_time_inside_the_gap() {
            Cron cron = Cron.of("5 */2 * * *", BERLIN);

            // 00:05 CET, then 04:05 CEST: 02:05 does not exist.
            assertThat(fires(cron, "2026-03-28T22:30:00Z", 2)).containsExactly(
                    Instant.parse("2026-03-28T23:05:00Z"),
                    Instant.parse("2026-03-29T02:05:00Z"));
        }

        @Test
        void a_quarter_hourly_job_steps_over_lord_howes_half_hour_gap() {
            Cron cron = Cron.of("*/15 * * * *", LORD_HOWE);

            // 01:45 (UTC+10:30), then 02:30 (UTC+11): 02:00 and 02:15 do not exist.
            assertThat(fires(cron, "2026-10-03T15:10:00Z", 3)).containsExactly(
                    Instant.parse("2026-10-03T15:15:00Z"),
                    Instant.parse("2026-10-03T15:30:00Z"),
                    Instant.parse("2026-10-03T15:45:00Z"));
        }

        @Test
        void a_quarter_hourly_job_fires_in_both_passes_of_lord_howes_repeated_half_hour() {
            Cron cron = Cron.of("*/15 * * * *", LORD_HOWE);

            // 01:30 and 01:45 (UTC+11), 01:30 and 01:45 again (UTC+10:30), then 02:00.
            assertThat(fires(cron, "2026-04-04T14:20:00Z", 5)).containsExactly(
                    Instant.parse("2026-04-04T14:30:00Z"),
                    Instant.parse("2026-04-04T14:45:00Z"),
                    Instant.parse("2026-04-04T15:00:00Z"),
                    Instant.parse("2026-04-04T15:15:00Z"),
                    Instant.parse("2026-04-04T15:30:00Z"));
        }

        @Test
        void a_job_every_minute_keeps_firing_every_minute_through_a_two_hour_overlap() {
            // Antarctica/Troll falls back from +02 to +00 on 2026-10-25 at 01:00 UTC: 01:00-03:00 repeat.
            Cron cron = Cron.of("* * * * *", ZoneId.of("Antarctica/Troll"));

            assertThat(cron.fireAfter(Instant.parse("2026-10-25T01:10:00Z")))
                    .contains(Instant.parse("2026-10-25T01:11:00Z"));
        }
    }

    @Nested
    class Days {

        @Test
        void with_both_day_fields_restricted_a_day_matches_when_either_does() {
            Cron cron = Cron.of("0 0 13 * 5", UTC);

            // Fridays, and the 13th: Monday 2026-04-13 too.
            assertThat(fires(cron, "2026-03-01T00:00:00Z", 8)).extracting(Instant::toString).containsExactly(
                    "2026-03-06T00:00:00Z", "2026-03-13T00:00:00Z", "2026-03-20T00:00:00Z", "2026-03-27T00:00:00Z",
                    "2026-04-03T00:00:00Z", "2026-04-10T00:00:00Z", "2026-04-13T00:00:00Z", "2026-04-17T00:00:00Z");
        }

        @Test
        void a_day_field_starting_with_a_star_must_match_as_well() {
            // Cronie: "*/2" is not a restriction for the OR rule, so the day must be odd and a Monday.
            Cron cron = Cron.of("0 0 */2 * 1", UTC);

            assertThat(fires(cron, "2026-05-31T12:00:00Z", 4)).extracting(Instant::toString).containsExactly(
                    "2026-06-01T00:00:00Z", "2026-06-15T00:00:00Z", "2026-06-29T00:00:00Z", "2026-07-13T00:00:00Z");
        }

        @Test
        void seven_is_sunday_like_zero() {
            assertThat(Cron.of("0 0 * * 7", UTC).fireAfter(Instant.parse("2026-06-01T00:00:00Z")))
                    .contains(Instant.parse("2026-06-07T00:00:00Z"));
            assertThat(Cron.of("0 0 * * 5-7", UTC).fireAfter(Instant.parse("2026-06-06T12:00:00Z")))
                    .contains(Instant.parse("2026-06-07T00:00:00Z"));
        }
    }

    @Test
    void a_leap_day_job_next_fires_on_the_next_leap_day() {
        Cron cron = Cron.of("0 0 29 2 *", UTC);

        assertThat(cron.fireAfter(Instant.parse("2026-06-01T12:00:00Z"))).contains(Instant.parse("2028-02-29T00:00:00Z"));
    }

    @Test
    void fires_are_strictly_after_the_instant_asked_about() {
        Cron cron = Cron.of("0 9 * * 1-5", BERLIN);

        // Monday 2026-06-01 09:00 CEST is 07:00 UTC; asked at that very instant, the next is Tuesday.
        assertThat(cron.fireAfter(Instant.parse("2026-06-01T07:00:00Z"))).contains(Instant.parse("2026-06-02T07:00:00Z"));
    }

    @Test
    void the_next_fire_after_a_run_counts_from_the_later_of_planned_and_now() {
        Cron cron = Cron.of("*/5 * * * *", UTC);
        Instant planned = Instant.parse("2026-06-01T12:00:00Z");

        assertThat(cron.nextFire(planned, Instant.parse("2026-06-01T12:00:03Z"))).contains(Instant.parse("2026-06-01T12:05:00Z"));
        assertThat(cron.nextFire(planned, Instant.parse("2026-06-01T12:11:00Z"))).contains(Instant.parse("2026-06-01T12:15:00Z"));
        assertThat(cron.nextFire(null, Instant.parse("2026-06-01T12:07:00Z"))).contains(Instant.parse("2026-06-01T12:10:00Z"));
    }

    @Test
    void activation_fires_at_the_next_match_from_now() {
        Cron cron = Cron.of("0 9 * * *", UTC);

        assertThat(cron.activationFire(Instant.parse("2026-06-01T12:00:00Z"))).contains(Instant.parse("2026-06-02T09:00:00Z"));
    }

    @Nested
    class Parsing {

        @ParameterizedTest
        @ValueSource(strings = {"0 0 9 * * ?", "0 0 9 * * MON 2027", "0 9 * *", "", "   "})
        void refuses_anything_but_five_fields(String expression) {
            assertRefused(expression, "invalid cron expression '" + expression + "': expected 5 fields");
        }

        @ParameterizedTest
        @ValueSource(strings = {"@daily", "@hourly", "@reboot", " @weekly"})
        void refuses_nicknames(String expression) {
            assertRefused(expression, "invalid cron expression '" + expression + "': nicknames such as '@daily'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"60 * * * *", "* 24 * * *", "* * 32 * *", "* * 0 * *", "* * * 13 *", "* * * * 8",
                "*/0 * * * *", "5-1 * * * *"})
        void refuses_values_out_of_range(String expression) {
            assertRefused(expression, "invalid cron expression '" + expression + "': ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a b c d e", "L * * * *", "? * * * *", "* * * * 1#2", "1, * * * *", "*/ * * * *",
                "1-/ * * * *", "1-5/ * * * *"})
        void refuses_malformed_fields_with_the_same_error(String expression) {
            assertRefused(expression, "invalid cron expression '" + expression + "': ");
        }

        @Test
        void accepts_names_of_months_and_days() {
            assertThat(Cron.of("0 9 * JAN MON", UTC).fireAfter(Instant.parse("2026-06-01T00:00:00Z")))
                    .contains(Instant.parse("2027-01-04T09:00:00Z"));
        }

        @Test
        void a_date_that_never_comes_is_refused_as_having_no_future_fire() {
            Cron cron = Cron.of("0 0 30 2 *", UTC);

            assertThat(cron.fireAfter(Instant.parse("2026-06-01T12:00:00Z"))).isEmpty();
            assertThatThrownBy(() -> cron.requireFutureFire(Instant.parse("2026-06-01T12:00:00Z")))
                    .isInstanceOfSatisfying(UnusableScheduleException.class,
                            e -> assertThat(e.field()).isEqualTo("schedule.expr"))
                    .hasMessage("cron expression '0 0 30 2 *' never fires (no such date)");
        }

        @Test
        void a_leap_day_is_a_future_fire() {
            Cron.of("0 0 29 2 *", UTC).requireFutureFire(Instant.parse("2026-06-01T12:00:00Z"));
        }

        private void assertRefused(String expression, String messageStart) {
            assertThatThrownBy(() -> Cron.of(expression, UTC))
                    .isInstanceOfSatisfying(UnusableScheduleException.class,
                            e -> assertThat(e.field()).isEqualTo("schedule.expr"))
                    .hasMessageStartingWith(messageStart);
        }
    }

    @Test
    void describes_itself_in_english_with_its_zone() {
        assertThat(Cron.of("0 9 * * 1-5", BERLIN).describe()).isEqualTo("At 09:00 on Monday through Friday (Europe/Berlin)");
        assertThat(Cron.of("*/5 * * * *", NEW_YORK).describe()).isEqualTo("Every 5 minutes (America/New_York)");
        assertThat(Cron.of("* * * * *", UTC).describe()).isEqualTo("Every minute (UTC)");
    }

    @Test
    void a_failed_run_retries_at_the_next_fire_when_it_comes_before_the_backoff_ends() {
        Cron cron = Cron.of("*/5 * * * *", UTC);
        Instant now = Instant.parse("2026-06-01T12:04:50Z");

        assertThat(cron.retryAt(now.plusSeconds(30), now)).isEqualTo(Instant.parse("2026-06-01T12:05:00Z"));
    }

    @Test
    void a_failed_run_retries_when_the_backoff_ends_when_that_comes_before_the_next_fire() {
        Cron cron = Cron.of("*/5 * * * *", UTC);
        Instant now = Instant.parse("2026-06-01T12:01:00Z");

        assertThat(cron.retryAt(now.plusSeconds(30), now)).isEqualTo(Instant.parse("2026-06-01T12:01:30Z"));
    }

    @Test
    void a_failed_run_of_a_cron_that_never_fires_again_retries_after_the_backoff() {
        Cron cron = Cron.of("0 0 30 2 *", UTC);
        Instant now = Instant.parse("2026-06-01T12:01:00Z");

        assertThat(cron.retryAt(now.plusSeconds(30), now)).isEqualTo(now.plusSeconds(30));
    }

    @Test
    void crons_are_equal_by_expression_and_zone() {
        assertThat(Cron.of("0 9 * * *", BERLIN)).isEqualTo(Cron.of(" 0 9 * * * ", BERLIN))
                .hasSameHashCodeAs(Cron.of("0 9 * * *", BERLIN));
        assertThat(Cron.of("0 9 * * *", BERLIN)).isNotEqualTo(Cron.of("0 9 * * *", NEW_YORK));
        assertThat(Cron.of("0 9 * * *", BERLIN)).isNotEqualTo(Cron.of("0 10 * * *", BERLIN));
    }

    @Test
    void keeps_its_expression_trimmed_and_its_zone() {
        Cron cron = Cron.of("  0 9 * * 1-5 ", BERLIN);

        assertThat(cron.expression()).isEqualTo("0 9 * * 1-5");
        assertThat(cron.zone()).isEqualTo(BERLIN);
        assertThat(cron.kind()).isEqualTo("cron");
        assertThat(cron.repeats()).isTrue();
    }

    /** The first {@code count} fires after {@code start}, each asked for after the previous one. */
    private static List<Instant> fires(Cron cron, String start, int count) {
        List<Instant> fires = new ArrayList<>();
        Instant after = Instant.parse(start);
        for (int i = 0; i < count; i++) {
            after = cron.fireAfter(after).orElseThrow();
            fires.add(after);
        }
        return fires;
    }

    @Test
    void after_the_clock_was_stepped_back_the_next_fire_comes_from_now() {
        Cron hourly = Cron.of("0 * * * *", java.time.ZoneOffset.UTC);

        assertThat(hourly.nextFire(Instant.parse("2026-11-28T10:00:00Z"), Instant.parse("2026-11-28T08:30:00Z")))
                .contains(Instant.parse("2026-11-28T09:00:00Z"));
    }
}
