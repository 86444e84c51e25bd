package dev.hourglass.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.DuplicateNameException;
import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.error.HourglassException;
import dev.hourglass.domain.error.JobLimitReachedException;
import dev.hourglass.domain.error.JobNotFoundException;
import dev.hourglass.domain.error.UnusableScheduleException;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.in.DeleteJobCommand;
import dev.hourglass.domain.port.in.HistoryQuery;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.in.ResumeJobCommand;
import dev.hourglass.domain.port.in.RunJobNowCommand;
import dev.hourglass.domain.schedule.Cron;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobCommandServiceTest {

    private final TestScheduler scheduler = new TestScheduler(builder -> builder.maxJobs(3));

    @Test
    void create_stores_an_active_job_planned_from_now_and_audits_it() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));

        assertThat(job.status()).isEqualTo(JobStatus.ACTIVE);
        assertThat(job.nextRunAt()).isEqualTo(Instant.parse("2026-11-28T10:01:00Z"));
        assertThat(job.createdBy()).isEqualTo("user");
        assertThat(job.createdAt()).isEqualTo(job.updatedAt()).isEqualTo(scheduler.clock.instant());
        assertThat(scheduler.get(job.id())).isEqualTo(job);
        AuditEntry created = scheduler.audit(job.id()).get(0);
        assertThat(created.action()).isEqualTo(AuditAction.CREATE);
        assertThat(created.previousStatus()).isNull();
        assertThat(created.newStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(created.jobName()).isEqualTo("report");
    }

    @Test
    void an_at_job_is_planned_at_its_instant() {
        Job job = scheduler.create("once", ScheduleSpec.at("2026-12-01T09:00:00+01:00"));

        assertThat(job.nextRunAt()).isEqualTo(Instant.parse("2026-12-01T08:00:00Z"));
    }

    @Test
    void a_cron_job_without_zone_takes_the_default_zone() {
        Job job = scheduler.create("weekday", ScheduleSpec.cron("0 9 * * 1-5", null));

        assertThat(((Cron) job.schedule()).zone()).isEqualTo(ZoneId.of("Z"));
        assertThat(job.nextRunAt()).isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
    }

    @Test
    void a_disabled_job_has_no_next_run() {
        Job job = scheduler.api.create().create(new CreateJobCommand("off", null, false, ScheduleSpec.every(1000),
                "task", false, null));

        assertThat(job.nextRunAt()).isNull();
        scheduler.clock.advance(Duration.ofHours(1));
        assertThat(scheduler.hourglass.runDueJobs()).isZero();
    }

    @Test
    void names_are_unique_ignoring_case() {
        scheduler.create("Report", ScheduleSpec.every(60_000));

        assertThatThrownBy(() -> scheduler.create("rEPORT", ScheduleSpec.every(60_000)))
                .isInstanceOf(DuplicateNameException.class);
    }

    @Test
    void the_job_limit_is_enforced() {
        for (int i = 0; i < 3; i++) {
            scheduler.create("job " + i, ScheduleSpec.every(60_000));
        }

        assertThatThrownBy(() -> scheduler.create("one too many", ScheduleSpec.every(60_000)))
                .isInstanceOf(JobLimitReachedException.class);
        assertThat(scheduler.api.list().list(Optional.empty()).jobs()).hasSize(3);
    }

    @Test
    void a_schedule_that_never_fires_is_refused_and_nothing_is_stored() {
        assertThatThrownBy(() -> scheduler.create("past", ScheduleSpec.at("2026-11-28T09:59:59Z")))
                .isInstanceOf(UnusableScheduleException.class)
                .hasMessageContaining("'at' timestamp is in the past");
        assertThatThrownBy(() -> scheduler.create("feb30", ScheduleSpec.cron("0 0 30 2 *", "UTC")))
                .isInstanceOf(UnusableScheduleException.class);

        assertThat(scheduler.api.list().list(Optional.empty()).jobs()).isEmpty();
    }

    @Test
    void pause_clears_the_next_run_and_resume_plans_again_from_now() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));
        scheduler.clock.advance(Duration.ofSeconds(20));

        Job paused = scheduler.api.pause().pause(new PauseJobCommand(job.id(), "maintenance", "user"));
        assertThat(paused.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(paused.nextRunAt()).isNull();
        assertThat(scheduler.audit(job.id()).get(0).detail()).isEqualTo("maintenance");

        scheduler.clock.advance(Duration.ofSeconds(20));
        Job resumed = scheduler.api.resume().resume(new ResumeJobCommand(job.id(), false, null, "user"));
        assertThat(resumed.status()).isEqualTo(JobStatus.ACTIVE);
        assertThat(resumed.nextRunAt()).as("the next slot of the grid through its creation")
                .isEqualTo(Instant.parse("2026-11-28T10:01:00Z"));
        assertThat(scheduler.audit(job.id())).extracting(AuditEntry::action)
                .containsExactly(AuditAction.RESUME, AuditAction.PAUSE, AuditAction.CREATE);
    }

    @Test
    void a_no_op_changes_nothing_and_writes_no_audit_entry() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));
        scheduler.clock.advance(Duration.ofSeconds(5));
        Job sameActive = scheduler.api.resume().resume(new ResumeJobCommand(job.id(), true, "again", "user"));
        Job paused = scheduler.api.pause().pause(new PauseJobCommand(job.id(), null, "user"));
        scheduler.clock.advance(Duration.ofSeconds(5));
        Job samePaused = scheduler.api.pause().pause(new PauseJobCommand(job.id(), "twice", "user"));

        assertThat(sameActive).isEqualTo(job);
        assertThat(samePaused).isEqualTo(paused);
        assertThat(scheduler.audit(job.id())).extracting(AuditEntry::action)
                .containsExactly(AuditAction.PAUSE, AuditAction.CREATE);
    }

    @Test
    void force_on_a_paused_job_is_a_plain_resume() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));
        scheduler.api.pause().pause(new PauseJobCommand(job.id(), null, "user"));

        Job resumed = scheduler.api.resume().resume(new ResumeJobCommand(job.id(), true, null, "user"));

        assertThat(resumed.status()).isEqualTo(JobStatus.ACTIVE);
        assertThat(scheduler.audit(job.id()).get(0).action()).isEqualTo(AuditAction.RESUME);
    }

    @Test
    void a_completed_job_is_final_even_with_force() {
        Job job = scheduler.create("once", ScheduleSpec.at("2026-11-28T10:00:01Z"));
        scheduler.clock.advance(Duration.ofSeconds(1));
        scheduler.hourglass.runDueJobs();
        assertThat(scheduler.get(job.id()).status()).isEqualTo(JobStatus.COMPLETED);

        for (boolean force : new boolean[] {false, true}) {
            assertThatThrownBy(() -> scheduler.api.resume().resume(new ResumeJobCommand(job.id(), force, null, "user")))
                    .isInstanceOfSatisfying(HourglassException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.COMPLETED_IS_FINAL));
        }
        assertThat(scheduler.get(job.id()).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void a_revived_one_shot_whose_instant_passed_runs_once_more_now() {
        Job job = scheduler.create("once", ScheduleSpec.at("2026-11-28T10:00:01Z"));
        scheduler.runner.failingWith("down");
        for (int attempt = 0; attempt < 3; attempt++) {
            scheduler.clock.advance(Duration.ofHours(2));
            scheduler.hourglass.runDueJobs();
        }
        assertThat(scheduler.get(job.id()).status()).isEqualTo(JobStatus.FAILED);

        Job revived = scheduler.api.resume().resume(new ResumeJobCommand(job.id(), true, null, "user"));

        assertThat(revived.nextRunAt()).isEqualTo(scheduler.clock.instant());
        scheduler.runner.succeeding();
        assertThat(scheduler.hourglass.runDueJobs()).isEqualTo(1);
        assertThat(scheduler.get(job.id()).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void delete_removes_the_job_and_its_runs_but_keeps_its_audit_trail() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));
        scheduler.api.runNow().runNow(new RunJobNowCommand(job.id(), "user"));

        scheduler.api.delete().delete(new DeleteJobCommand(job.id(), "user"));

        assertThatThrownBy(() -> scheduler.get(job.id())).isInstanceOf(JobNotFoundException.class);
        assertThatThrownBy(() -> scheduler.api.runs().runs(HistoryQuery.of(job.id(), null)))
                .isInstanceOf(JobNotFoundException.class);
        AuditEntry deleted = scheduler.audit(job.id()).get(0);
        assertThat(deleted.action()).isEqualTo(AuditAction.DELETE);
        assertThat(deleted.previousStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(deleted.newStatus()).isNull();
    }

    @Test
    void operations_on_an_unknown_job_say_not_found() {
        JobId unknown = JobId.of("no-such-job");

        assertThatThrownBy(() -> scheduler.api.pause().pause(new PauseJobCommand(unknown, null, null)))
                .isInstanceOf(JobNotFoundException.class);
        assertThatThrownBy(() -> scheduler.api.delete().delete(new DeleteJobCommand(unknown, null)))
                .isInstanceOf(JobNotFoundException.class);
        assertThat(scheduler.api.audit().audit(HistoryQuery.of(unknown, null))).isEmpty();
    }

    @Test
    void run_now_records_the_run_and_audits_the_operator() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));

        var run = scheduler.api.runNow().runNow(new RunJobNowCommand(job.id(), "user"));

        assertThat(run.result()).isEqualTo("done: task of report");
        Job after = run.job().orElseThrow();
        assertThat(after.runCount()).isEqualTo(1);
        assertThat(after.claim()).isNull();
        assertThat(scheduler.runner.requests().get(0).plannedAt()).isNull();
        AuditEntry entry = scheduler.audit(job.id()).get(0);
        assertThat(entry.action()).isEqualTo(AuditAction.RUN);
        assertThat(entry.actor()).isEqualTo("user");
    }

    @Test
    void run_now_while_the_job_runs_is_refused() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));
        scheduler.runner.answering(request -> {
            assertThatThrownBy(() -> scheduler.api.runNow().runNow(new RunJobNowCommand(job.id(), "user")))
                    .isInstanceOfSatisfying(HourglassException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_RUNNING));
            return dev.hourglass.domain.port.out.RunOutcome.ok("first");
        });

        var run = scheduler.api.runNow().runNow(new RunJobNowCommand(job.id(), "user"));

        assertThat(run.result()).isEqualTo("first");
        assertThat(scheduler.runner.requests()).hasSize(1);
    }

    @Test
    void a_delete_after_run_job_removes_itself_after_success() {
        Job job = scheduler.api.create().create(new CreateJobCommand("temp", null, true, ScheduleSpec.every(1000),
                "task", true, "user"));

        var run = scheduler.api.runNow().runNow(new RunJobNowCommand(job.id(), "user"));

        assertThat(run.job()).isEmpty();
        assertThatThrownBy(() -> scheduler.get(job.id())).isInstanceOf(JobNotFoundException.class);
        assertThat(scheduler.audit(job.id())).extracting(AuditEntry::action)
                .containsExactly(AuditAction.DELETE, AuditAction.COMPLETE, AuditAction.RUN, AuditAction.CREATE);
    }

    @Test
    void list_filters_by_status_newest_first_and_summarises_all_jobs() {
        Job first = scheduler.create("first", ScheduleSpec.every(60_000));
        scheduler.clock.advance(Duration.ofSeconds(1));
        Job second = scheduler.create("second", ScheduleSpec.every(30_000));
        scheduler.clock.advance(Duration.ofSeconds(1));
        Job third = scheduler.create("third", ScheduleSpec.every(60_000));
        scheduler.api.pause().pause(new PauseJobCommand(third.id(), null, null));

        var all = scheduler.api.list().list(Optional.empty());
        var active = scheduler.api.list().list(Optional.of(JobStatus.ACTIVE));

        assertThat(all.jobs()).extracting(Job::name).containsExactly("third", "second", "first");
        assertThat(active.jobs()).extracting(Job::id).containsExactly(second.id(), first.id());
        assertThat(active.summary()).isEqualTo(all.summary());
        assertThat(all.summary().total()).isEqualTo(3);
        assertThat(all.summary().active()).isEqualTo(2);
        assertThat(all.summary().paused()).isEqualTo(1);
        assertThat(all.summary().nextFireAt()).isEqualTo(second.nextRunAt());
    }
}
