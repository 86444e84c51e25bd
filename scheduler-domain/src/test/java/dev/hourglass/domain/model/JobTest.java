package dev.hourglass.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.hourglass.domain.schedule.Every;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobTest {

    private static final Instant NOW = Jobs.NOW;
    private static final Instant LATER = NOW.plusSeconds(42);

    @Test
    void a_paused_job_has_no_next_run() {
        Job job = Jobs.every(Duration.ofMinutes(5), NOW);

        assertThatIllegalArgumentException().isThrownBy(() -> with(job, JobStatus.PAUSED, NOW, 0))
                .withMessage("only an enabled active job has a next run");
        assertThat(job.pause(NOW).nextRunAt()).isNull();
        assertThat(job.pause(NOW).status()).isEqualTo(JobStatus.PAUSED);
    }

    @Test
    void failed_and_completed_jobs_have_no_next_run() {
        Job job = Jobs.every(Duration.ofMinutes(5), NOW);

        assertThatIllegalArgumentException().isThrownBy(() -> with(job, JobStatus.FAILED, NOW, 10));
        assertThatIllegalArgumentException().isThrownBy(() -> with(job, JobStatus.COMPLETED, NOW, 0));
        assertThat(job.tripBreaker(10, NOW).nextRunAt()).isNull();
        assertThat(job.complete(NOW).nextRunAt()).isNull();
    }

    @Test
    void a_disabled_job_has_no_next_run() {
        assertThatIllegalArgumentException().isThrownBy(() -> disabled(NOW))
                .withMessage("only an enabled active job has a next run");
    }

    @Test
    void counters_are_never_negative() {
        Job job = Jobs.every(Duration.ofMinutes(5), NOW);

        assertThatIllegalArgumentException().isThrownBy(() -> with(job, JobStatus.ACTIVE, NOW, -1))
                .withMessage("counters must not be negative");
        assertThatIllegalArgumentException().isThrownBy(() -> job.retryAt(NOW, -1, NOW))
                .withMessage("counters must not be negative");
    }

    @Test
    void entering_active_plans_the_next_slot_of_the_grid_from_now_and_clears_the_errors() {
        Job failed = Jobs.every(Duration.ofMinutes(5), NOW).tripBreaker(10, NOW);
        Instant later = NOW.plus(Duration.ofDays(2)).plusMillis(7);

        Job revived = failed.activate(later);

        assertThat(revived.status()).isEqualTo(JobStatus.ACTIVE);
        assertThat(revived.nextRunAt()).isEqualTo(NOW.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(5)));
        assertThat(revived.consecutiveErrors()).isZero();
        assertThat(revived.updatedAt()).isEqualTo(later);
    }

    @Test
    void a_revived_one_shot_whose_instant_passed_runs_once_more_now() {
        Job failed = Jobs.at(NOW).tripBreaker(3, NOW);
        Instant later = NOW.plus(Duration.ofHours(1));

        assertThat(failed.activate(later).nextRunAt()).isEqualTo(later);
    }

    @Test
    void a_disabled_job_entering_active_still_has_no_next_run() {
        assertThat(disabled(null).pause(NOW).activate(NOW).nextRunAt()).isNull();
    }

    @Test
    void a_disabled_job_gets_no_next_run_from_any_engine_transition() {
        Job off = disabled(null);

        assertThat(off.continueAt(LATER, NOW).nextRunAt()).isNull();
        assertThat(off.retryAt(LATER, 1, NOW).nextRunAt()).isNull();
        assertThat(off.replanTo(LATER, NOW).nextRunAt()).isNull();
    }

    @Test
    void a_claim_marks_the_job_running_and_releasing_it_leaves_the_job_due_as_before() {
        Job job = Jobs.every(Duration.ofMinutes(5), NOW);
        Claim claim = Claim.of(new RunId("run-1"), NOW, NOW, 2, Jobs.OWNER);

        Job claimed = job.claim(claim, NOW);
        Job released = claimed.releaseClaim(LATER);

        assertThat(claimed.isRunning()).isTrue();
        assertThat(claimed.claim()).isEqualTo(claim);
        assertThat(claimed.nextRunAt()).isEqualTo(NOW);
        assertThat(released.isRunning()).isFalse();
        assertThat(released.nextRunAt()).isEqualTo(NOW);
        assertThat(released.updatedAt()).isEqualTo(LATER);
        assertThat(released.runCount()).isZero();
    }

    @Test
    void recording_a_run_releases_the_claim_keeps_the_status_and_counts_only_when_asked() {
        Job claimed = Jobs.claimed(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), NOW), 2), "run-1", NOW, NOW)
                .pause(NOW);
        LastRun ok = new LastRun(NOW, RunStatus.OK, 5, null);

        Job counted = claimed.recordRun(ok, true, LATER);
        Job notCounted = claimed.recordRun(ok, false, LATER);

        assertThat(counted.claim()).isNull();
        assertThat(counted.lastRun()).isEqualTo(ok);
        assertThat(counted.runCount()).isEqualTo(1);
        assertThat(counted.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(counted.consecutiveErrors()).isEqualTo(2);
        assertThat(notCounted.runCount()).isZero();
    }

    @Test
    void a_takeover_marks_the_last_run_and_moves_the_claim_but_counts_nothing() {
        Job claimed = Jobs.claimed(Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), NOW), 2), "run-1", NOW, NOW);
        Claim moved = claimed.claim().takenOverBy(new InstanceId("instance-2"), claimed.version() + 1);
        LastRun interrupted = new LastRun(NOW, RunStatus.INTERRUPTED, 0, "interrupted");

        Job taken = claimed.takeOver(moved, interrupted, LATER);

        assertThat(taken.claim()).isEqualTo(moved);
        assertThat(taken.lastRun()).isEqualTo(interrupted);
        assertThat(taken.runCount()).isZero();
        assertThat(taken.consecutiveErrors()).isEqualTo(2);
        assertThat(taken.nextRunAt()).isEqualTo(NOW);
        assertThat(taken.lastError()).isEqualTo("interrupted");
    }

    @Test
    void engine_transitions_set_status_next_run_and_errors_as_named() {
        Job job = Jobs.withErrors(Jobs.every(Duration.ofMinutes(5), NOW), 4);

        assertThat(job.continueAt(LATER, NOW)).extracting(Job::status, Job::nextRunAt, Job::consecutiveErrors)
                .containsExactly(JobStatus.ACTIVE, LATER, 0);
        assertThat(job.retryAt(LATER, 5, NOW)).extracting(Job::status, Job::nextRunAt, Job::consecutiveErrors)
                .containsExactly(JobStatus.ACTIVE, LATER, 5);
        assertThat(job.tripBreaker(10, NOW)).extracting(Job::status, Job::nextRunAt, Job::consecutiveErrors)
                .containsExactly(JobStatus.FAILED, null, 10);
        assertThat(job.complete(NOW)).extracting(Job::status, Job::nextRunAt, Job::consecutiveErrors)
                .containsExactly(JobStatus.COMPLETED, null, 0);
        assertThat(job.replanTo(LATER, NOW)).extracting(Job::status, Job::nextRunAt, Job::consecutiveErrors)
                .containsExactly(JobStatus.ACTIVE, LATER, 4);
    }

    @Test
    void every_transition_keeps_the_definition_and_stamps_the_change() {
        Job job = Jobs.every(Duration.ofMinutes(5), NOW);
        Job claimed = Jobs.claimed(job, "run-1", NOW, NOW);

        for (Job changed : new Job[] {job.pause(LATER), job.activate(LATER), job.continueAt(LATER, LATER),
                job.retryAt(LATER, 1, LATER), job.tripBreaker(10, LATER), job.complete(LATER),
                job.replanTo(LATER, LATER), claimed.releaseClaim(LATER),
                claimed.recordRun(new LastRun(NOW, RunStatus.OK, 1, null), true, LATER)}) {
            assertThat(changed.hasSameDefinition(job)).as("%s", changed).isTrue();
            assertThat(changed.updatedAt()).isEqualTo(LATER);
        }
    }

    @Test
    void with_version_changes_the_version_only() {
        Job job = Jobs.every(Duration.ofMinutes(5), NOW);

        Job moved = job.withVersion(7);

        assertThat(moved.version()).isEqualTo(7);
        assertThat(moved.withVersion(job.version())).isEqualTo(job);
    }

    @Test
    void a_claim_needs_a_claim() {
        Job job = Jobs.every(Duration.ofMinutes(5), NOW);

        assertThatNullPointerException().isThrownBy(() -> job.claim(null, NOW));
    }

    @Test
    void the_last_error_is_that_of_the_last_run_if_any() {
        Job job = Jobs.every(Duration.ofMinutes(5), NOW);
        Job claimed = Jobs.claimed(job, "run-1", NOW, NOW);

        assertThat(job.lastError()).isNull();
        assertThat(claimed.recordRun(new LastRun(NOW, RunStatus.ERROR, 1, "HTTP 500"), true, NOW).lastError())
                .isEqualTo("HTTP 500");
    }

    @Test
    void names_are_keyed_case_insensitively() {
        assertThat(Job.nameKey("Nightly REPORT")).isEqualTo(Job.nameKey("nightly report"));
    }

    /** {@code job} with another status, next run and error count, through the canonical constructor. */
    private static Job with(Job job, JobStatus status, Instant nextRunAt, int errors) {
        return new Job(job.id(), job.name(), job.description(), job.enabled(), job.schedule(), job.task(), status,
                job.lastRun(), nextRunAt, job.runCount(), errors, job.deleteAfterRun(), job.createdAt(), NOW,
                job.createdBy(), job.version(), job.claim(), job.revision(), null, job.expectSuccessWithinMs(),
                job.lastSuccessAt(), job.staleSince(), job.dependency(), job.probe(), null);
    }

    private static Job disabled(Instant nextRunAt) {
        return new Job(JobId.of("job-1"), "nightly report", null, false, new Every(60_000), "task", JobStatus.ACTIVE,
                null, nextRunAt, 0, 0, false, NOW, NOW, Actor.USER, 1, null, 1, null, null, null, null, null, null, null);
    }
}
