package dev.hourglass.domain.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.model.Actor;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.in.ResumeJobCommand;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** CONTRACT §12.2: a pause with an end, and the engine resuming the job at that end. */
class PauseUntilTest {

    private static final Instant UNTIL = Instant.parse("2026-11-28T12:00:00Z");

    private final TestScheduler scheduler = new TestScheduler();

    private Job pauseUntil(Job job, Instant until, String reason) {
        return scheduler.api.pause().pause(new PauseJobCommand(job.id(), reason, null, until));
    }

    @Test
    void a_pause_until_shows_its_end_and_audits_it() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));

        Job paused = pauseUntil(job, UNTIL, "deploy");

        assertThat(paused.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(paused.pausedUntil()).isEqualTo(UNTIL);
        assertThat(paused.nextRunAt()).isNull();
        AuditEntry pause = scheduler.audit(job.id()).get(0);
        assertThat(pause.action()).isEqualTo(AuditAction.PAUSE);
        assertThat(pause.detail()).isEqualTo("reason: deploy; until 2026-11-28T12:00:00Z");
    }

    @Test
    void the_engine_resumes_the_job_at_its_end_audited_as_the_scheduler_naming_the_pause() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));
        pauseUntil(job, UNTIL, "deploy");
        scheduler.clock.set(UNTIL.minusMillis(1));
        scheduler.hourglass.runDueJobs();
        assertThat(scheduler.get(job.id()).status()).as("a millisecond early").isEqualTo(JobStatus.PAUSED);

        scheduler.clock.set(UNTIL);
        scheduler.hourglass.runDueJobs();

        Job resumed = scheduler.get(job.id());
        assertThat(resumed.status()).isEqualTo(JobStatus.ACTIVE);
        assertThat(resumed.pausedUntil()).isNull();
        assertThat(resumed.nextRunAt()).isEqualTo(Instant.parse("2026-11-28T12:01:00Z"));
        AuditEntry resume = scheduler.audit(job.id()).get(0);
        assertThat(resume.action()).isEqualTo(AuditAction.RESUME);
        assertThat(resume.actor()).isEqualTo(Actor.SCHEDULER);
        assertThat(resume.previousStatus()).isEqualTo(JobStatus.PAUSED);
        assertThat(resume.newStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(resume.detail()).isEqualTo("the pause until 2026-11-28T12:00:00Z ended (paused by user at "
                + "2026-11-28T10:00:00Z; reason: deploy; until 2026-11-28T12:00:00Z)");
    }

    @Test
    void a_manual_resume_replaces_the_timed_pause_so_the_engine_does_nothing_at_its_end() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));
        pauseUntil(job, UNTIL, null);
        scheduler.api.resume().resume(new ResumeJobCommand(job.id(), false, null, null));
        scheduler.api.pause().pause(new PauseJobCommand(job.id(), null, null));

        scheduler.clock.set(UNTIL.plusSeconds(1));
        scheduler.hourglass.runDueJobs();

        assertThat(scheduler.get(job.id()).status()).isEqualTo(JobStatus.PAUSED);
        assertThat(scheduler.get(job.id()).pausedUntil()).isNull();
    }

    @Test
    void a_new_pause_until_replaces_the_end_and_a_plain_pause_makes_it_indefinite() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));
        pauseUntil(job, UNTIL, null);

        assertThat(pauseUntil(job, UNTIL.plusSeconds(3600), null).pausedUntil()).isEqualTo(UNTIL.plusSeconds(3600));
        assertThat(scheduler.api.pause().pause(new PauseJobCommand(job.id(), null, null)).pausedUntil()).isNull();
        assertThat(scheduler.audit(job.id())).extracting(AuditEntry::action)
                .containsExactly(AuditAction.PAUSE, AuditAction.PAUSE, AuditAction.PAUSE, AuditAction.CREATE);
    }

    @Test
    void the_same_pause_until_again_is_a_no_op() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));
        Job paused = pauseUntil(job, UNTIL, null);
        scheduler.clock.advance(Duration.ofMinutes(1));

        assertThat(pauseUntil(job, UNTIL, null)).isEqualTo(paused);
        assertThat(scheduler.audit(job.id())).hasSize(2);
    }

    @Test
    void until_must_lie_in_the_future_and_at_most_a_year_ahead() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));
        Instant now = scheduler.clock.instant();

        assertThatThrownBy(() -> pauseUntil(job, now, null)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo("until"));
        assertThatThrownBy(() -> pauseUntil(job, Instant.parse("2027-11-28T10:00:00.001Z"), null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("until"));
        assertThat(pauseUntil(job, Instant.parse("2027-11-28T10:00:00Z"), null).pausedUntil())
                .isEqualTo(Instant.parse("2027-11-28T10:00:00Z"));
    }

    @Test
    void a_failed_job_cannot_be_paused_until_an_instant_either() {
        Job job = scheduler.create("once", ScheduleSpec.at("2026-11-28T10:00:01Z"));
        scheduler.runner.failingWith("boom");
        for (int i = 0; i < 3; i++) {
            scheduler.clock.advance(Duration.ofMinutes(20));
            scheduler.hourglass.runDueJobs();
        }

        assertThatThrownBy(() -> pauseUntil(job, scheduler.clock.instant().plusSeconds(60), null))
                .hasMessageContaining("cannot pause");
    }
}
