package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.model.Actor;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.Probe;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.in.DeleteJobCommand;
import dev.hourglass.domain.port.in.EditJobCommand;
import dev.hourglass.domain.port.in.HistoryQuery;
import dev.hourglass.domain.port.in.ResumeJobCommand;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CONTRACT §11.2: a failed job that opted in to probes tries once more by itself, waiting longer each time. */
class AutomaticProbesTest {

    private static final long ONE_MINUTE = 60_000;

    private final TestScheduler scheduler = new TestScheduler();

    private Job createProbing(String name, long afterMs) {
        return scheduler.api.create().create(new CreateJobCommand(name, null, true, ScheduleSpec.every(ONE_MINUTE),
                "task of " + name, false, Actor.USER, null, null, new Probe(afterMs)));
    }

    /** Fires the job at each of its planned instants until its breaker trips; returns the instant it tripped. */
    private Instant failUntilTripped(Job job) {
        scheduler.runner.failingWith("HTTP 503: down");
        while (scheduler.get(job.id()).status() == JobStatus.ACTIVE) {
            scheduler.clock.set(scheduler.get(job.id()).nextRunAt());
            scheduler.hourglass.runDueJobs();
        }
        return scheduler.clock.instant();
    }

    private List<RunRecord> runs(Job job) {
        return scheduler.api.runs().runs(HistoryQuery.of(job.id(), 100));
    }

    @Test
    void a_tripped_job_that_probes_plans_its_first_probe_after_its_wait() {
        Job job = createProbing("probing", 5 * ONE_MINUTE);

        Instant trippedAt = failUntilTripped(job);

        Job failed = scheduler.get(job.id());
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.nextRunAt()).isNull();
        assertThat(failed.nextProbeAt()).isEqualTo(trippedAt.plus(Duration.ofMinutes(5)));
    }

    @Test
    void a_job_without_probes_waits_for_an_operator_as_before() {
        Job job = scheduler.create("plain", ScheduleSpec.every(ONE_MINUTE));
        failUntilTripped(job);
        int runs = runs(job).size();

        scheduler.clock.advance(Duration.ofDays(2));
        scheduler.hourglass.runDueJobs();

        assertThat(scheduler.get(job.id()).nextProbeAt()).isNull();
        assertThat(runs(job)).hasSize(runs);
    }

    @Test
    void no_probe_fires_before_its_instant() {
        Job job = createProbing("probing", ONE_MINUTE);
        Instant trippedAt = failUntilTripped(job);
        int runs = runs(job).size();

        scheduler.clock.set(trippedAt.plus(Duration.ofMinutes(1)).minusMillis(1));
        scheduler.hourglass.runDueJobs();

        assertThat(runs(job)).hasSize(runs);
    }

    @Test
    void a_failed_probe_keeps_the_job_failed_and_doubles_the_wait() {
        Job job = createProbing("probing", ONE_MINUTE);
        Instant trippedAt = failUntilTripped(job);
        int errors = scheduler.get(job.id()).consecutiveErrors();

        Instant firstProbe = trippedAt.plus(Duration.ofMinutes(1));
        scheduler.clock.set(firstProbe);
        assertThat(scheduler.hourglass.runDueJobs()).isEqualTo(1);

        Job stillFailed = scheduler.get(job.id());
        assertThat(stillFailed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(stillFailed.consecutiveErrors()).isEqualTo(errors + 1);
        assertThat(stillFailed.nextProbeAt()).isEqualTo(firstProbe.plus(Duration.ofMinutes(2)));
        RunRecord probe = runs(job).get(0);
        assertThat(probe.probe()).isTrue();
        assertThat(probe.status()).isEqualTo(RunStatus.ERROR);
        assertThat(probe.plannedAt()).isEqualTo(firstProbe);

        Instant secondProbe = firstProbe.plus(Duration.ofMinutes(2));
        scheduler.clock.set(secondProbe);
        scheduler.hourglass.runDueJobs();
        assertThat(scheduler.get(job.id()).nextProbeAt()).isEqualTo(secondProbe.plus(Duration.ofMinutes(4)));
    }

    @Test
    void the_wait_between_probes_never_grows_past_a_day() {
        Job job = createProbing("probing", Duration.ofHours(16).toMillis());
        Instant trippedAt = failUntilTripped(job);

        Instant probe = trippedAt.plus(Duration.ofHours(16));
        scheduler.clock.set(probe);
        scheduler.hourglass.runDueJobs();

        assertThat(scheduler.get(job.id()).nextProbeAt()).isEqualTo(probe.plus(Duration.ofHours(24)));
    }

    @Test
    void a_successful_probe_revives_the_job_as_a_force_resume_would_audited_by_the_scheduler() {
        Job job = createProbing("probing", ONE_MINUTE);
        Instant trippedAt = failUntilTripped(job);
        Job failed = scheduler.get(job.id());

        Instant probeAt = trippedAt.plus(Duration.ofMinutes(1));
        scheduler.clock.set(probeAt);
        scheduler.runner.succeeding();
        scheduler.hourglass.runDueJobs();

        Job revived = scheduler.get(job.id());
        assertThat(revived.status()).isEqualTo(JobStatus.ACTIVE);
        assertThat(revived.consecutiveErrors()).isZero();
        assertThat(revived.nextProbeAt()).isNull();
        assertThat(revived.nextRunAt()).isAfter(probeAt);
        assertThat(runs(job).get(0).probe()).isTrue();
        assertThat(runs(job).get(0).status()).isEqualTo(RunStatus.OK);
        AuditEntry entry = scheduler.audit(job.id()).get(0);
        assertThat(entry.action()).isEqualTo(AuditAction.PROBE_RESUME);
        assertThat(entry.actor()).isEqualTo(Actor.SCHEDULER);
        assertThat(entry.previousStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(entry.newStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(entry.detail()).isEqualTo("a probe run succeeded; cleared " + failed.consecutiveErrors()
                + " consecutive errors; last error: HTTP 503: down");
    }

    @Test
    void a_force_resume_wins_over_a_pending_probe() {
        Job job = createProbing("probing", ONE_MINUTE);
        Instant trippedAt = failUntilTripped(job);

        Job resumed = scheduler.api.resume().resume(new ResumeJobCommand(job.id(), true, null, null));
        assertThat(resumed.nextProbeAt()).isNull();
        scheduler.runner.succeeding();
        scheduler.clock.set(trippedAt.plus(Duration.ofMinutes(1)));
        scheduler.hourglass.runDueJobs();

        assertThat(runs(job)).noneMatch(RunRecord::probe);
        assertThat(scheduler.audit(job.id())).extracting(AuditEntry::action).doesNotContain(AuditAction.PROBE_RESUME);
    }

    @Test
    void a_deleted_job_is_never_probed() {
        Job job = createProbing("probing", ONE_MINUTE);
        Instant trippedAt = failUntilTripped(job);
        scheduler.api.delete().delete(new DeleteJobCommand(job.id(), Actor.USER));
        int requests = scheduler.runner.requests().size();

        scheduler.clock.set(trippedAt.plus(Duration.ofMinutes(1)));
        scheduler.hourglass.runDueJobs();

        assertThat(scheduler.runner.requests()).hasSize(requests);
    }

    @Test
    void opting_out_by_an_edit_cancels_the_pending_probe_and_opting_in_plans_one_from_now() {
        Job job = createProbing("probing", ONE_MINUTE);
        failUntilTripped(job);

        Job optedOut = scheduler.api.edit().edit(EditJobCommand.of(job.id(), Actor.USER).probe(null).build());
        assertThat(optedOut.nextProbeAt()).isNull();
        assertThat(optedOut.status()).isEqualTo(JobStatus.FAILED);

        scheduler.clock.advance(Duration.ofMinutes(7));
        Job optedIn = scheduler.api.edit().edit(EditJobCommand.of(job.id(), Actor.USER)
                .probe(new Probe(2 * ONE_MINUTE)).build());
        assertThat(optedIn.nextProbeAt()).isEqualTo(scheduler.clock.instant().plus(Duration.ofMinutes(2)));
    }
}
