package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.AlertKind;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.in.EditJobCommand;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** CONTRACT §12.4: the dead man's switch, one alert per stale episode through the outbox. */
class StalenessTest {

    private static final long HOUR = 3_600_000;

    private final TestScheduler scheduler = new TestScheduler();

    private Job watched(String name, long everyMs) {
        return scheduler.api.create().create(new CreateJobCommand(name, null, true, ScheduleSpec.every(everyMs),
                "task", false, null, HOUR));
    }

    @Test
    void a_job_never_succeeding_turns_stale_an_hour_after_creation_with_one_alert() {
        Job job = watched("nightly", 600_000);
        scheduler.runner.failingWith("boom");
        scheduler.clock.advance(Duration.ofMinutes(59));
        scheduler.hourglass.runDueJobs();
        assertThat(scheduler.get(job.id()).isStale()).isFalse();

        scheduler.clock.advance(Duration.ofMinutes(1));
        scheduler.hourglass.runDueJobs();
        scheduler.clock.advance(Duration.ofMinutes(30));
        scheduler.hourglass.runDueJobs();
        scheduler.hourglass.deliverAlerts();

        Job stale = scheduler.get(job.id());
        assertThat(stale.isStale()).isTrue();
        assertThat(stale.staleSince()).isEqualTo(Instant.parse("2026-11-28T11:00:00Z"));
        assertThat(scheduler.api.summarize().summarize().stale()).isEqualTo(1);
        assertThat(scheduler.alerts).filteredOn(a -> a.kind() == AlertKind.JOB_STALE).singleElement()
                .satisfies(alert -> {
                    assertThat(alert.subjectId()).isEqualTo(job.id().value());
                    assertThat(alert.detail()).contains("since its creation at 2026-11-28T10:00:00Z");
                });
    }

    @Test
    void the_next_successful_run_ends_the_episode_and_a_later_one_alerts_again() {
        Job job = watched("nightly", 4 * HOUR);
        scheduler.clock.advance(Duration.ofHours(1));
        scheduler.hourglass.runDueJobs();
        assertThat(scheduler.get(job.id()).isStale()).isTrue();

        scheduler.clock.advance(Duration.ofHours(3));
        scheduler.hourglass.runDueJobs();
        assertThat(scheduler.get(job.id()).isStale()).as("the 14:00 run succeeded").isFalse();
        assertThat(scheduler.get(job.id()).lastSuccessAt()).isEqualTo(Instant.parse("2026-11-28T14:00:00Z"));

        scheduler.clock.advance(Duration.ofHours(1));
        scheduler.hourglass.runDueJobs();
        scheduler.hourglass.deliverAlerts();

        assertThat(scheduler.get(job.id()).staleSince()).isEqualTo(Instant.parse("2026-11-28T15:00:00Z"));
        assertThat(scheduler.alerts).filteredOn(a -> a.kind() == AlertKind.JOB_STALE).hasSize(2);
    }

    @Test
    void a_job_that_succeeds_in_time_never_turns_stale() {
        Job job = watched("frequent", 600_000);
        scheduler.runner.answering(request -> RunOutcome.ok("ok"));
        for (int i = 0; i < 12; i++) {
            scheduler.clock.advance(Duration.ofMinutes(10));
            scheduler.hourglass.runDueJobs();
        }

        assertThat(scheduler.get(job.id()).isStale()).isFalse();
        assertThat(scheduler.api.summarize().summarize().stale()).isZero();
    }

    @Test
    void a_paused_job_is_not_stale_and_not_watched() {
        Job job = watched("paused", 4 * HOUR);
        scheduler.api.pause().pause(new PauseJobCommand(job.id(), null, null));

        scheduler.clock.advance(Duration.ofHours(2));
        scheduler.hourglass.runDueJobs();
        scheduler.hourglass.deliverAlerts();

        assertThat(scheduler.get(job.id()).isStale()).isFalse();
        assertThat(scheduler.alerts).isEmpty();
    }

    @Test
    void widening_the_window_by_an_edit_ends_an_episode_it_no_longer_covers() {
        Job job = watched("nightly", 4 * HOUR);
        scheduler.clock.advance(Duration.ofHours(1));
        scheduler.hourglass.runDueJobs();
        assertThat(scheduler.get(job.id()).isStale()).isTrue();

        Job edited = scheduler.api.edit().edit(EditJobCommand.of(job.id(), null).expectSuccessWithinMs(2 * HOUR)
                .build());

        assertThat(edited.isStale()).isFalse();
        assertThat(edited.staleSince()).isNull();
    }
}
