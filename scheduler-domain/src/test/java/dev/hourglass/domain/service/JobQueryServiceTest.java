package dev.hourglass.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.error.UnusableScheduleException;
import dev.hourglass.domain.port.in.SchedulePreview;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobQueryServiceTest {

    private final TestScheduler scheduler = new TestScheduler();

    @Test
    void preview_of_a_usable_schedule_gives_its_next_fire_and_words() {
        SchedulePreview preview = scheduler.api.preview().preview(ScheduleSpec.cron("0 9 * * 1-5", "Europe/Berlin"));

        assertThat(preview.nextRunAt()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(preview.humanReadable()).isEqualTo("At 09:00 on Monday through Friday (Europe/Berlin)");
        assertThat(preview.error()).isNull();
    }

    @Test
    void preview_of_an_unusable_schedule_answers_with_the_reason() {
        for (ScheduleSpec unusable : new ScheduleSpec[] {
                ScheduleSpec.cron("not a cron", null), ScheduleSpec.cron("@daily", null),
                ScheduleSpec.cron("0 9 * * *", "Mars/Olympus"), ScheduleSpec.at("2020-01-01T00:00:00Z")}) {
            SchedulePreview preview = scheduler.api.preview().preview(unusable);

            assertThat(preview.nextRunAt()).as(unusable.toString()).isNull();
            assertThat(preview.humanReadable()).isNull();
            assertThat(preview.error()).isNotBlank();
        }
    }

    @Test
    void preview_of_a_malformed_schedule_is_refused() {
        assertThatThrownBy(() -> scheduler.api.preview().preview(new ScheduleSpec(null, null, null, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .isNotInstanceOf(UnusableScheduleException.class);
        assertThatThrownBy(() -> scheduler.api.preview().preview(new ScheduleSpec("hourly", null, null, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .isNotInstanceOf(UnusableScheduleException.class);
    }
}
