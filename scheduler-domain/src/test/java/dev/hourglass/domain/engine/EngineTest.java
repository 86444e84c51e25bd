package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.JobNotFoundException;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.in.DeleteJobCommand;
import dev.hourglass.domain.port.in.HistoryQuery;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.in.ResumeJobCommand;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.port.out.TaskRequest;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine driven step by step with a manual clock: what fires, when, and what it records. */
class EngineTest {

    private final TestScheduler scheduler = new TestScheduler();

    @Test
    void nothing_fires_before_it_is_due() {
        scheduler.create("minutely", ScheduleSpec.every(60_000));
        scheduler.clock.advance(Duration.ofSeconds(59));

        assertThat(scheduler.hourglass.runDueJobs()).isZero();
        assertThat(scheduler.runner.requests()).isEmpty();
    }

    @Test
    void due_jobs_fire_in_next_run_order() {
        scheduler.create("third", ScheduleSpec.at("2026-11-28T10:00:03Z"));
        scheduler.create("first", ScheduleSpec.at("2026-11-28T10:00:01Z"));
        scheduler.create("second", ScheduleSpec.at("2026-11-28T10:00:02Z"));
        scheduler.clock.advance(Duration.ofSeconds(10));

        assertThat(scheduler.hourglass.runDueJobs()).isEqualTo(3);
        assertThat(scheduler.runner.jobNames()).containsExactly("first", "second", "third");
    }

    @Test
    void an_every_job_stays_on_its_grid_and_skips_slots_it_missed() {
        Job job = scheduler.create("tick", ScheduleSpec.every(10_000));
        scheduler.clock.advance(Duration.ofSeconds(10));
        scheduler.hourglass.runDueJobs();
        scheduler.clock.advance(Duration.ofSeconds(35));
        scheduler.hourglass.runDueJobs();

        assertThat(scheduler.runner.requests()).extracting(TaskRequest::plannedAt).containsExactly(
                Instant.parse("2026-11-28T10:00:10Z"), Instant.parse("2026-11-28T10:00:20Z"));
        assertThat(scheduler.get(job.id()).nextRunAt()).isEqualTo(Instant.parse("2026-11-28T10:00:50Z"));
    }

    @Test
    void the_request_carries_run_id_planned_instant_and_attempt() {
        Job job = scheduler.create("tick", ScheduleSpec.every(10_000));
        scheduler.runner.failingWith("boom");
        scheduler.clock.advance(Duration.ofSeconds(10));
        scheduler.hourglass.runDueJobs();
        scheduler.clock.advance(Duration.ofSeconds(30));
        scheduler.hourglass.runDueJobs();

        List<TaskRequest> requests = scheduler.runner.requests();
        assertThat(requests).extracting(TaskRequest::attempt).containsExactly(1, 2);
        assertThat(requests.get(1).firedAt()).isEqualTo(scheduler.clock.instant());
        assertThat(requests.get(0).runId()).isNotEqualTo(requests.get(1).runId());
        List<RunRecord> runs = scheduler.api.runs().runs(HistoryQuery.of(job.id(), null));
        assertThat(runs).extracting(RunRecord::runId)
                .containsExactly(requests.get(1).runId(), requests.get(0).runId());
        assertThat(runs).extracting(RunRecord::status).containsOnly(RunStatus.ERROR);
    }

    @Test
    void a_retry_after_hint_holds_the_retry_back() {
        Job job = scheduler.create("tick", ScheduleSpec.every(10_000));
        scheduler.runner.answering(request -> RunOutcome.failed("HTTP 429: slow down", Duration.ofSeconds(120)));
        scheduler.clock.advance(Duration.ofSeconds(10));
        scheduler.hourglass.runDueJobs();

        assertThat(scheduler.get(job.id()).nextRunAt()).isEqualTo(scheduler.clock.instant().plusSeconds(120));
    }

    @Test
    void a_pause_during_the_run_wins_over_the_outcome() {
        Job job = scheduler.create("tick", ScheduleSpec.every(10_000));
        scheduler.runner.answering(request -> {
            scheduler.api.pause().pause(new PauseJobCommand(job.id(), "stop it", "user"));
            return RunOutcome.failed("boom");
        });
        scheduler.clock.advance(Duration.ofSeconds(10));
        scheduler.hourglass.runDueJobs();

        Job after = scheduler.get(job.id());
        assertThat(after.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(after.nextRunAt()).isNull();
        assertThat(after.consecutiveErrors()).isZero();
        assertThat(after.runCount()).isEqualTo(1);
        assertThat(after.lastRun().status()).isEqualTo(RunStatus.ERROR);
        assertThat(after.claim()).isNull();
    }

    @Test
    void a_resume_during_the_run_keeps_the_next_run_the_operator_set() {
        Job job = scheduler.create("tick", ScheduleSpec.every(10_000));
        scheduler.api.pause().pause(new PauseJobCommand(job.id(), null, null));
        scheduler.api.resume().resume(new ResumeJobCommand(job.id(), false, null, null));
        Instant operatorPlan = scheduler.get(job.id()).nextRunAt();
        scheduler.clock.advance(Duration.ofSeconds(10));
        scheduler.runner.answering(request -> {
            scheduler.api.pause().pause(new PauseJobCommand(job.id(), null, null));
            scheduler.clock.advance(Duration.ofSeconds(3));
            scheduler.api.resume().resume(new ResumeJobCommand(job.id(), false, null, null));
            return RunOutcome.ok("ok");
        });
        scheduler.hourglass.runDueJobs();

        Job after = scheduler.get(job.id());
        assertThat(operatorPlan).isEqualTo(Instant.parse("2026-11-28T10:00:10Z"));
        assertThat(after.status()).isEqualTo(JobStatus.ACTIVE);
        assertThat(after.nextRunAt()).as("the grid's next slot after the resume at 10:00:13")
                .isEqualTo(Instant.parse("2026-11-28T10:00:20Z"));
        assertThat(after.runCount()).isEqualTo(1);
    }

    @Test
    void a_delete_during_the_run_stays_deleted() {
        Job job = scheduler.create("tick", ScheduleSpec.every(10_000));
        scheduler.runner.answering(request -> {
            scheduler.api.delete().delete(new DeleteJobCommand(job.id(), "user"));
            return RunOutcome.ok("ok");
        });
        scheduler.clock.advance(Duration.ofSeconds(10));
        scheduler.hourglass.runDueJobs();

        assertThatThrownBy(() -> scheduler.get(job.id())).isInstanceOf(JobNotFoundException.class);
        assertThat(scheduler.audit(job.id()).get(0).action()).isEqualTo(AuditAction.DELETE);
    }

    @Test
    void a_cron_job_retries_at_its_next_fire_when_that_is_sooner_than_the_backoff() {
        Job job = scheduler.create("every-minute", ScheduleSpec.cron("* * * * *", "UTC"));
        scheduler.runner.failingWith("boom");
        scheduler.clock.set(Instant.parse("2026-11-28T10:01:00Z"));
        scheduler.hourglass.runDueJobs();
        assertThat(scheduler.get(job.id()).nextRunAt()).isEqualTo(Instant.parse("2026-11-28T10:01:30Z"));

        scheduler.clock.set(Instant.parse("2026-11-28T10:01:30Z"));
        scheduler.hourglass.runDueJobs();
        assertThat(scheduler.get(job.id()).nextRunAt()).isEqualTo(Instant.parse("2026-11-28T10:02:00Z"));
    }

    @Test
    void an_interrupted_run_is_marked_and_fired_again_with_the_same_run_id_without_counting_an_error() {
        Job job = scheduler.create("tick", ScheduleSpec.every(10_000));
        scheduler.clock.advance(Duration.ofSeconds(10));
        RunId runId = new RunId("run-lost-in-crash");
        Claim claim = crashedClaim(runId, job);
        assertThat(scheduler.store.apply(JobWrite.save(job, job.claim(claim, scheduler.clock.instant()), List.of())))
                .isTrue();
        scheduler.clock.advance(Duration.ofSeconds(2));

        TestScheduler restarted = scheduler.restarted();
        restarted.hourglass.recover();
        assertThat(restarted.hourglass.runDueJobs()).isEqualTo(1);

        TaskRequest refire = restarted.runner.requests().get(0);
        assertThat(refire.runId()).isEqualTo(runId);
        assertThat(refire.plannedAt()).isEqualTo(Instant.parse("2026-11-28T10:00:10Z"));
        assertThat(refire.attempt()).isEqualTo(1);
        List<RunRecord> runs = restarted.api.runs().runs(HistoryQuery.of(job.id(), null));
        assertThat(runs).extracting(RunRecord::status).containsExactly(RunStatus.OK, RunStatus.INTERRUPTED);
        assertThat(runs).extracting(RunRecord::runId).containsOnly(runId);
        Job after = restarted.get(job.id());
        assertThat(after.consecutiveErrors()).isZero();
        assertThat(after.runCount()).isEqualTo(1);
        assertThat(after.claim()).isNull();
    }

    @Test
    void a_pause_during_a_run_cut_short_by_a_crash_still_wins_when_the_run_fires_again() {
        Job job = scheduler.create("tick", ScheduleSpec.every(10_000));
        scheduler.clock.advance(Duration.ofSeconds(10));
        Claim claim = crashedClaim(new RunId("run-lost-in-crash"), job);
        assertThat(scheduler.store.apply(JobWrite.save(job, job.claim(claim, scheduler.clock.instant()), List.of())))
                .isTrue();
        scheduler.api.pause().pause(new PauseJobCommand(job.id(), "stop it", "user"));

        TestScheduler restarted = scheduler.restarted();
        restarted.hourglass.recover();
        restarted.runner.failingWith("boom");
        restarted.hourglass.runDueJobs();

        Job after = restarted.get(job.id());
        assertThat(restarted.runner.requests()).extracting(TaskRequest::runId).containsExactly(claim.runId());
        assertThat(after.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(after.nextRunAt()).isNull();
        assertThat(after.consecutiveErrors()).isZero();
        assertThat(after.runCount()).isEqualTo(1);
        assertThat(after.claim()).isNull();
    }

    @Test
    void recovering_twice_fires_an_interrupted_run_once() {
        Job job = scheduler.create("tick", ScheduleSpec.every(10_000));
        scheduler.clock.advance(Duration.ofSeconds(10));
        Claim claim = crashedClaim(new RunId("run-lost"), job);
        scheduler.store.apply(JobWrite.save(job, job.claim(claim, scheduler.clock.instant()), List.of()));

        TestScheduler restarted = scheduler.restarted();
        restarted.hourglass.recover();
        restarted.hourglass.recover();

        assertThat(restarted.hourglass.runDueJobs()).isEqualTo(1);
    }

    @Test
    void fires_missed_while_down_are_replanned_five_seconds_apart_in_their_old_order() {
        Job late = scheduler.create("late", ScheduleSpec.every(60_000));
        scheduler.clock.advance(Duration.ofSeconds(1));
        Job early = scheduler.create("early", ScheduleSpec.every(30_000));
        Job future = scheduler.create("future", ScheduleSpec.every(3_600_000));
        scheduler.clock.advance(Duration.ofMinutes(5));
        Instant restartAt = scheduler.clock.instant();

        TestScheduler restarted = scheduler.restarted();
        restarted.hourglass.recover();

        assertThat(restarted.get(early.id()).nextRunAt()).isEqualTo(restartAt);
        assertThat(restarted.get(late.id()).nextRunAt()).isEqualTo(restartAt.plusSeconds(5));
        assertThat(restarted.get(future.id()).nextRunAt()).isEqualTo(future.nextRunAt());
        assertThat(restarted.hourglass.runDueJobs()).isEqualTo(1);
        assertThat(restarted.runner.jobNames()).containsExactly("early");
    }

    @Test
    void terminal_jobs_unchanged_for_thirty_days_are_swept_at_start() {
        Job old = scheduler.create("old", ScheduleSpec.at("2026-11-28T10:00:01Z"));
        scheduler.clock.advance(Duration.ofSeconds(1));
        scheduler.hourglass.runDueJobs();
        scheduler.clock.advance(Duration.ofDays(29));
        Job recent = scheduler.create("recent", ScheduleSpec.at("2026-12-27T10:00:02Z"));
        scheduler.clock.advance(Duration.ofSeconds(1));
        scheduler.hourglass.runDueJobs();
        scheduler.clock.advance(Duration.ofDays(1));

        scheduler.restarted().hourglass.recover();

        assertThatThrownBy(() -> scheduler.get(old.id())).isInstanceOf(JobNotFoundException.class);
        assertThat(scheduler.get(recent.id()).status()).isEqualTo(JobStatus.COMPLETED);
        AuditEntry swept = scheduler.audit(old.id()).get(0);
        assertThat(swept.action()).isEqualTo(AuditAction.DELETE);
        assertThat(swept.actor()).isEqualTo("scheduler");
    }

    /** A claim of the first Hourglass, which then "crashed": it never registered, so it is dead to the store. */
    private Claim crashedClaim(RunId runId, Job job) {
        return Claim.of(runId, job.nextRunAt(), scheduler.clock.instant(), job.version() + 1,
                scheduler.hourglass.instanceId());
    }

    @Test
    void a_throwing_runner_is_a_failed_run() {
        Job job = scheduler.create("tick", ScheduleSpec.every(10_000));
        scheduler.runner.answering(request -> {
            throw new IllegalStateException("runner exploded");
        });
        scheduler.clock.advance(Duration.ofSeconds(10));
        scheduler.hourglass.runDueJobs();

        Job after = scheduler.get(job.id());
        assertThat(after.lastRun().error()).isEqualTo("runner exploded");
        assertThat(after.consecutiveErrors()).isEqualTo(1);
        assertThat(after.claim()).isNull();
    }
}
