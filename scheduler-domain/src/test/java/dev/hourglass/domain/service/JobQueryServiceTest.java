package dev.hourglass.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.error.UnusableScheduleException;
import dev.hourglass.domain.port.in.PreviewScheduleCommand;
import dev.hourglass.domain.port.in.SchedulePreview;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Previews, with the test clock at Saturday 2026-11-28T10:00:00Z and UTC as the default zone. */
class JobQueryServiceTest {

    private final TestScheduler scheduler = new TestScheduler();

    private SchedulePreview preview(ScheduleSpec spec) {
        return scheduler.api.preview().preview(PreviewScheduleCommand.of(spec));
    }

    private SchedulePreview preview(ScheduleSpec spec, String from, Long count) {
        return scheduler.api.preview().preview(PreviewScheduleCommand.of(spec, from, count));
    }

    @Test
    void preview_of_a_usable_schedule_gives_its_next_five_fires_and_words() {
        SchedulePreview preview = preview(ScheduleSpec.cron("0 9 * * 1-5", "Europe/Berlin"));

        assertThat(preview.nextRunAt()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(preview.nextRuns()).extracting(Instant::toString).containsExactly(
                "2026-11-30T08:00:00Z", "2026-12-01T08:00:00Z", "2026-12-02T08:00:00Z", "2026-12-03T08:00:00Z",
                "2026-12-04T08:00:00Z");
        assertThat(preview.humanReadable()).isEqualTo("At 09:00 on Monday through Friday (Europe/Berlin)");
        assertThat(preview.error()).isNull();
    }

    @Test
    void preview_from_an_instant_shows_both_passes_of_the_repeated_berlin_hour_for_a_half_hourly_job() {
        SchedulePreview preview = preview(ScheduleSpec.cron("*/30 * * * *", "Europe/Berlin"),
                "2026-10-25T02:15:00+02:00", 5L);

        // 02:30 CEST, 02:00 and 02:30 CET, 03:00 and 03:30 CET.
        assertThat(preview.nextRuns()).extracting(Instant::toString).containsExactly(
                "2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z", "2026-10-25T02:00:00Z",
                "2026-10-25T02:30:00Z");
        assertThat(preview.nextRunAt()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void preview_from_an_instant_shows_a_daily_fire_in_the_spring_gap_moved_to_the_end_of_the_gap() {
        SchedulePreview preview = preview(ScheduleSpec.cron("30 2 * * *", "Europe/Berlin"), "2026-03-28T12:00:00Z", 3L);

        assertThat(preview.nextRuns()).extracting(Instant::toString)
                .containsExactly("2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z");
    }

    @Test
    void preview_lists_as_many_fires_as_asked_for_each_after_the_one_before() {
        SchedulePreview preview = preview(ScheduleSpec.every(60_000), null, 20L);

        assertThat(preview.nextRuns()).hasSize(20).isSorted().doesNotHaveDuplicates();
        assertThat(preview.nextRuns().get(0)).isEqualTo(Instant.parse("2026-11-28T10:01:00Z"));
        assertThat(preview.nextRuns().get(19)).isEqualTo(Instant.parse("2026-11-28T10:20:00Z"));
    }

    @Test
    void preview_of_a_one_shot_lists_its_one_fire() {
        SchedulePreview preview = preview(ScheduleSpec.at("2026-12-01T09:00:00+01:00"));

        assertThat(preview.nextRuns()).containsExactly(Instant.parse("2026-12-01T08:00:00Z"));
    }

    @Test
    void preview_of_a_one_shot_from_after_its_instant_is_usable_with_no_fires() {
        SchedulePreview preview = preview(ScheduleSpec.at("2026-12-01T09:00:00+01:00"), "2026-12-02T00:00:00Z", null);

        assertThat(preview.error()).isNull();
        assertThat(preview.humanReadable()).isNotBlank();
        assertThat(preview.nextRuns()).isEmpty();
        assertThat(preview.nextRunAt()).isNull();
    }

    @Test
    void preview_judges_a_schedule_as_create_would_now_whatever_the_from() {
        SchedulePreview preview = preview(ScheduleSpec.at("2026-11-01T00:00:00Z"), "2026-10-01T00:00:00Z", null);

        assertThat(preview.error()).contains("in the past");
        assertThat(preview.nextRuns()).isNull();
    }

    @Test
    void preview_of_an_unusable_schedule_answers_with_the_reason_and_computes_nothing() {
        Stream.of(ScheduleSpec.cron("not a cron", null), ScheduleSpec.cron("@daily", null),
                ScheduleSpec.cron("0 9 * * *", "Mars/Olympus"), ScheduleSpec.cron("0 0 30 2 *", null),
                ScheduleSpec.at("2020-01-01T00:00:00Z")).forEach(unusable -> {
                    SchedulePreview preview = preview(unusable);

                    assertThat(preview.nextRunAt()).as(unusable.toString()).isNull();
                    assertThat(preview.nextRuns()).as(unusable.toString()).isNull();
                    assertThat(preview.humanReadable()).isNull();
                    assertThat(preview.error()).isNotBlank();
                });
    }

    @Test
    void preview_of_a_malformed_schedule_is_refused() {
        assertThatThrownBy(() -> preview(new ScheduleSpec(null, null, null, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .isNotInstanceOf(UnusableScheduleException.class);
        assertThatThrownBy(() -> preview(new ScheduleSpec("hourly", null, null, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .isNotInstanceOf(UnusableScheduleException.class);
    }
}
