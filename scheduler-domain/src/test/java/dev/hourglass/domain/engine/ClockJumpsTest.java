package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.policy.BreakerSettings;
import dev.hourglass.domain.policy.OutcomePolicy;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.CountingIds;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wall clock measured against a monotonic timer: jumps re-plan like a start does, drift does not. */
class ClockJumpsTest {

    private final TestScheduler scheduler = new TestScheduler();
    private final AtomicLong monotonic = new AtomicLong(1_000_000_000L);
    private final CountingIds ids = new CountingIds();
    private final ClockJumps jumps = new ClockJumps(
            new Recovery(scheduler.store, new OutcomePolicy(BreakerSettings.DEFAULT, ids), ids,
                    new InstanceId("instance-jumps"), EngineSettings.DEFAULT), monotonic::get);

    @BeforeEach
    void first_check_sets_the_reference() {
        assertThat(jumps.check(scheduler.clock.instant())).isEmpty();
    }

    @Test
    void a_clock_that_keeps_pace_with_the_timer_has_not_jumped() {
        Job job = scheduler.create("minutely", ScheduleSpec.every(60_000));
        elapse(Duration.ofHours(3), Duration.ofHours(3));

        assertThat(jumps.check(scheduler.clock.instant())).isEmpty();
        assertThat(scheduler.get(job.id()).nextRunAt()).isEqualTo(job.nextRunAt());
    }

    @Test
    void a_step_within_the_threshold_is_left_alone() {
        Job job = scheduler.create("minutely", ScheduleSpec.every(60_000));
        elapse(Duration.ofSeconds(70), Duration.ofSeconds(61));

        assertThat(jumps.check(scheduler.clock.instant())).isEmpty();
        assertThat(scheduler.get(job.id()).nextRunAt()).isEqualTo(job.nextRunAt());
    }

    @Test
    void a_jump_forward_spreads_the_skipped_fires_five_seconds_apart_in_their_old_order() {
        Job first = scheduler.create("first", ScheduleSpec.every(60_000));
        elapse(Duration.ofSeconds(1), Duration.ofSeconds(1));
        Job second = scheduler.create("second", ScheduleSpec.every(60_000));
        elapse(Duration.ofSeconds(1), Duration.ofSeconds(1));
        Job third = scheduler.create("third", ScheduleSpec.every(60_000));
        jumps.check(scheduler.clock.instant());

        elapse(Duration.ofDays(1), Duration.ofSeconds(1));

        assertThat(jumps.check(scheduler.clock.instant())).contains(Duration.ofDays(1).minusSeconds(1));
        Instant now = scheduler.clock.instant();
        assertThat(scheduler.get(first.id()).nextRunAt()).isEqualTo(now);
        assertThat(scheduler.get(second.id()).nextRunAt()).isEqualTo(now.plusSeconds(5));
        assertThat(scheduler.get(third.id()).nextRunAt()).isEqualTo(now.plusSeconds(10));
        assertThat(scheduler.hourglass.runDueJobs()).as("no burst: one fire now, the rest staggered").isEqualTo(1);
    }

    @Test
    void a_jump_back_brings_fires_that_lie_too_far_out_back_to_the_schedule_from_now() {
        Job every = scheduler.create("every", ScheduleSpec.every(60_000));
        Job cron = scheduler.create("cron", ScheduleSpec.cron("*/5 * * * *", "UTC"));
        Job once = scheduler.create("once", ScheduleSpec.at("2026-11-28T12:00:00Z"));

        elapse(Duration.ofHours(-1), Duration.ofSeconds(1));

        assertThat(jumps.check(scheduler.clock.instant())).contains(Duration.ofHours(-1).minusSeconds(1));
        assertThat(scheduler.clock.instant()).isEqualTo("2026-11-28T09:00:00Z");
        assertThat(scheduler.get(every.id()).nextRunAt()).isEqualTo("2026-11-28T09:01:00Z");
        assertThat(scheduler.get(cron.id()).nextRunAt()).isEqualTo("2026-11-28T09:05:00Z");
        assertThat(scheduler.get(once.id()).nextRunAt()).as("a one-shot keeps its instant").isEqualTo(once.nextRunAt());
    }

    @Test
    void a_failing_job_keeps_its_backoff_counted_from_now_after_a_jump_back() {
        Job job = scheduler.create("flaky", ScheduleSpec.every(3_600_000));
        scheduler.runner.failingWith("boom");
        scheduler.clock.advance(Duration.ofHours(1));
        scheduler.hourglass.runDueJobs();
        jumps.check(scheduler.clock.instant());

        elapse(Duration.ofHours(-2), Duration.ZERO);

        jumps.check(scheduler.clock.instant());
        assertThat(scheduler.get(job.id()).nextRunAt()).isEqualTo(scheduler.clock.instant().plusSeconds(30));
    }

    /** The wall clock moves by {@code wall} while the monotonic timer moves by {@code real}. */
    private void elapse(Duration wall, Duration real) {
        scheduler.clock.advance(wall);
        monotonic.addAndGet(real.toNanos());
    }
}
