package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CONTRACT §5: fires missed while no instance ran are re-planned at start, spread out, grids kept. */
class CatchUpTest {

    private final TestScheduler scheduler = new TestScheduler(builder -> builder.maxJobs(2_000));

    @Test
    void a_thousand_missed_jobs_share_the_sixty_second_window_in_their_old_order() {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            jobs.add(scheduler.create(String.format("job-%04d", i), ScheduleSpec.every(60_000)));
            scheduler.clock.advance(Duration.ofMillis(10));
        }
        scheduler.clock.advance(Duration.ofMinutes(10));
        Instant restartAt = scheduler.clock.instant();

        scheduler.restarted().hourglass.recover();

        List<Instant> replanned = jobs.stream().map(job -> scheduler.get(job.id()).nextRunAt()).toList();
        assertThat(replanned.get(0)).isEqualTo(restartAt);
        assertThat(replanned).isSorted();
        assertThat(replanned.get(999)).isBetween(restartAt.plusSeconds(59), restartAt.plusSeconds(60));
        for (int i = 1; i < replanned.size(); i++) {
            assertThat(Duration.between(replanned.get(i - 1), replanned.get(i)))
                    .as("evenly, about 60 ms apart").isBetween(Duration.ofMillis(59), Duration.ofMillis(61));
        }
    }

    @Test
    void three_missed_jobs_are_five_seconds_apart_in_their_old_order() {
        Job first = scheduler.create("first", ScheduleSpec.every(60_000));
        scheduler.clock.advance(Duration.ofSeconds(1));
        Job second = scheduler.create("second", ScheduleSpec.every(60_000));
        scheduler.clock.advance(Duration.ofSeconds(1));
        Job third = scheduler.create("third", ScheduleSpec.every(60_000));
        scheduler.clock.advance(Duration.ofHours(3));
        Instant restartAt = scheduler.clock.instant();

        TestScheduler restarted = scheduler.restarted();
        restarted.hourglass.recover();

        assertThat(List.of(first, second, third)).extracting(job -> restarted.get(job.id()).nextRunAt())
                .containsExactly(restartAt, restartAt.plusSeconds(5), restartAt.plusSeconds(10));
        assertThat(restarted.hourglass.runDueJobs()).isEqualTo(1);
        restarted.clock.advance(Duration.ofSeconds(5));
        assertThat(restarted.hourglass.runDueJobs()).isEqualTo(1);
        assertThat(restarted.runner.jobNames()).containsExactly("first", "second");
    }

    @Test
    void a_job_late_by_less_than_a_second_is_not_missed() {
        Job late = scheduler.create("late", ScheduleSpec.every(60_000));
        scheduler.clock.advance(Duration.ofMillis(1_500));
        Job barelyLate = scheduler.create("barely late", ScheduleSpec.every(60_000));
        scheduler.clock.set(Instant.parse("2026-11-28T10:01:02Z"));

        scheduler.restarted().hourglass.recover();

        assertThat(scheduler.get(late.id()).nextRunAt()).as("two seconds late: missed, re-planned to now")
                .isEqualTo(scheduler.clock.instant());
        assertThat(scheduler.get(barelyLate.id()).nextRunAt()).as("half a second late: fires as planned")
                .isEqualTo(Instant.parse("2026-11-28T10:01:01.500Z"));
    }

    @Test
    void an_every_job_keeps_its_grid_after_a_catch_up_fire_and_after_a_retry() {
        Job job = scheduler.create("minutely", ScheduleSpec.every(60_000));
        scheduler.clock.set(Instant.parse("2026-11-28T10:07:30Z"));
        TestScheduler restarted = scheduler.restarted();
        restarted.hourglass.recover();
        assertThat(restarted.get(job.id()).nextRunAt()).isEqualTo(Instant.parse("2026-11-28T10:07:30Z"));

        restarted.hourglass.runDueJobs();
        assertThat(restarted.get(job.id()).nextRunAt()).as("after the catch-up fire: the grid's next slot")
                .isEqualTo(Instant.parse("2026-11-28T10:08:00Z"));

        restarted.runner.failingWith("boom");
        restarted.clock.set(Instant.parse("2026-11-28T10:08:00Z"));
        restarted.hourglass.runDueJobs();
        assertThat(restarted.get(job.id()).nextRunAt()).isEqualTo(Instant.parse("2026-11-28T10:08:30Z"));
        restarted.runner.answering(request -> RunOutcome.ok("ok"));
        restarted.clock.set(Instant.parse("2026-11-28T10:08:30Z"));
        restarted.hourglass.runDueJobs();
        assertThat(restarted.get(job.id()).nextRunAt()).as("after the retry: the grid's next slot")
                .isEqualTo(Instant.parse("2026-11-28T10:09:00Z"));
    }

    @Test
    void an_instance_starting_while_another_is_alive_replans_nothing() {
        Job job = scheduler.create("minutely", ScheduleSpec.every(60_000));
        scheduler.clock.advance(Duration.ofMinutes(5));
        scheduler.hourglass.heartbeat();

        scheduler.restarted().hourglass.recover();

        assertThat(scheduler.get(job.id()).nextRunAt()).isEqualTo(job.nextRunAt());
    }

    @Test
    void the_catch_up_window_is_a_setting() {
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(scheduler.create("job-" + i, ScheduleSpec.every(60_000)));
            scheduler.clock.advance(Duration.ofMillis(1));
        }
        scheduler.clock.advance(Duration.ofMinutes(10));
        Instant restartAt = scheduler.clock.instant();

        scheduler.restarted(builder -> builder.engineSettings(
                EngineSettings.DEFAULT.withCatchUpWindow(Duration.ofSeconds(8)))).hourglass.recover();

        assertThat(jobs).extracting(job -> scheduler.get(job.id()).nextRunAt()).containsExactly(restartAt,
                restartAt.plusSeconds(2), restartAt.plusSeconds(4), restartAt.plusSeconds(6), restartAt.plusSeconds(8));
    }
}
