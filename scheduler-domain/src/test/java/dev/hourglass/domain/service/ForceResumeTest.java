package dev.hourglass.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.error.HourglassException;
import dev.hourglass.domain.model.AlertKind;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.in.ResumeJobCommand;
import dev.hourglass.domain.port.in.RunJobNowCommand;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The story Hourglass exists for: a job that keeps failing trips the breaker, and only force revives it. */
class ForceResumeTest {

    private final TestScheduler scheduler = new TestScheduler();
    private JobId id;

    @BeforeEach
    void a_job_tripped_by_ten_failing_manual_runs() {
        id = scheduler.create("sync-invoices", ScheduleSpec.every(60_000)).id();
        scheduler.runner.failingWith("HTTP 429: slow down");
        for (int run = 1; run <= 10; run++) {
            var result = runNow();
            assertThat(result.status()).isEqualTo(RunStatus.ERROR);
            assertThat(result.result()).isEqualTo("HTTP 429: slow down");
            scheduler.clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void ten_failing_runs_trip_the_breaker_and_alert_once() {
        Job failed = scheduler.get(id);
        int delivered = scheduler.hourglass.deliverAlerts();

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.consecutiveErrors()).isEqualTo(10);
        assertThat(failed.nextRunAt()).isNull();
        assertThat(failed.runCount()).isEqualTo(10);
        assertThat(delivered).isEqualTo(1);
        assertThat(scheduler.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.JOB_FAILED);
            assertThat(alert.subjectId()).isEqualTo(id.value());
            assertThat(alert.subjectName()).isEqualTo("sync-invoices");
            assertThat(alert.count()).isEqualTo(10);
            assertThat(alert.detail()).isEqualTo("HTTP 429: slow down");
        });
        assertThat(scheduler.hourglass.deliverAlerts()).as("delivered once, then gone").isZero();
        AuditEntry fail = scheduler.audit(id).get(0);
        assertThat(fail.action()).isEqualTo(AuditAction.FAIL);
        assertThat(fail.actor()).isEqualTo("scheduler");
        assertThat(fail.detail()).isEqualTo("HTTP 429: slow down");
        assertThat(fail.previousStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(fail.newStatus()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void failed_job_needs_force_to_resume_and_the_refusal_names_force() {
        assertThatThrownBy(() -> resume(false, null))
                .isInstanceOfSatisfying(HourglassException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FORCE_REQUIRED))
                .hasMessageContaining("\"force\": true");
        assertThat(scheduler.get(id).status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void pausing_a_failed_job_is_refused_so_there_is_no_path_around_the_breaker() {
        assertThatThrownBy(() -> scheduler.api.pause().pause(new PauseJobCommand(id, null, "user")))
                .isInstanceOfSatisfying(HourglassException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_ACTIVE));
        assertThatThrownBy(this::runNow)
                .isInstanceOfSatisfying(HourglassException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_ACTIVE));
        assertThat(scheduler.get(id).status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void force_resume_revives_the_job_with_a_fresh_schedule_and_no_errors() {
        Job revived = resume(true, "rate limit lifted");

        assertThat(revived.status()).isEqualTo(JobStatus.ACTIVE);
        assertThat(revived.consecutiveErrors()).isZero();
        assertThat(revived.nextRunAt()).as("the next slot of the grid through its creation at 10:00")
                .isEqualTo(Instant.parse("2026-11-28T10:01:00Z"));
        assertThat(revived.updatedAt()).isEqualTo(scheduler.clock.instant());
        assertThat(scheduler.get(id)).isEqualTo(revived);
    }

    @Test
    void force_resume_is_audited_with_the_reason_and_what_it_cleared() {
        resume(true, "rate limit lifted");

        AuditEntry entry = scheduler.audit(id).get(0);
        assertThat(entry.action()).isEqualTo(AuditAction.FORCE_RESUME);
        assertThat(entry.previousStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(entry.newStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(entry.actor()).isEqualTo("user");
        assertThat(entry.detail())
                .contains("rate limit lifted")
                .contains("10 consecutive errors")
                .contains("HTTP 429: slow down");
    }

    @Test
    void a_revived_job_that_fails_again_starts_counting_from_one() {
        resume(true, null);

        runNow();

        Job job = scheduler.get(id);
        assertThat(job.status()).isEqualTo(JobStatus.ACTIVE);
        assertThat(job.consecutiveErrors()).isEqualTo(1);
        assertThat(job.nextRunAt()).isEqualTo(scheduler.clock.instant().plusSeconds(30));
    }

    @Test
    void a_revived_job_fires_by_itself_again() {
        resume(true, null);
        scheduler.runner.succeeding();

        scheduler.clock.advance(Duration.ofMinutes(1));
        int fired = scheduler.hourglass.runDueJobs();

        assertThat(fired).isEqualTo(1);
        assertThat(scheduler.get(id).lastRun().status()).isEqualTo(RunStatus.OK);
    }

    private Job resume(boolean force, String reason) {
        return scheduler.api.resume().resume(new ResumeJobCommand(id, force, reason, "user"));
    }

    private dev.hourglass.domain.port.in.ManualRun runNow() {
        return scheduler.api.runNow().runNow(new RunJobNowCommand(id, "user"));
    }
}
