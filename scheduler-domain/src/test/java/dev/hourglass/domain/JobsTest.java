package dev.hourglass.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.error.JobNotFoundException;
import dev.hourglass.domain.error.TransitionRejectedException;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.schedule.Cron;
import dev.hourglass.domain.schedule.Schedules;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@code hourglass.jobs()}: the typed facade over the use cases, driven by a manual clock. */
class JobsTest {

    private final TestScheduler scheduler = new TestScheduler(builder -> builder.maxConsecutiveErrors(1));
    private final Jobs jobs = scheduler.hourglass.jobs();
    private final Instant now = scheduler.clock.instant();

    @Test
    void an_every_job_from_a_duration_first_fires_one_interval_from_now() {
        Job job = jobs.create("poll", Schedules.every(Duration.ofMinutes(5)), "poll the inbox");

        assertThat(job.nextRunAt()).isEqualTo(now.plus(Duration.ofMinutes(5)));
        assertThat(job.enabled()).isTrue();
        assertThat(job.deleteAfterRun()).isFalse();
        assertThat(jobs.get(job.id())).isEqualTo(job);
    }

    @Test
    void an_at_job_fires_at_its_instant_and_a_past_instant_is_refused() {
        Instant at = now.plus(Duration.ofHours(2));

        assertThat(jobs.create("once", Schedules.at(at), "migrate").nextRunAt()).isEqualTo(at);
        assertThatThrownBy(() -> jobs.create("too-late", Schedules.at(now.minusSeconds(1)), "x"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void a_cron_job_keeps_its_zone_and_one_without_takes_the_default_zone() {
        Job berlin = jobs.create("berlin", Schedules.cron("0 9 * * 1-5", ZoneId.of("Europe/Berlin")), "send");
        Job plain = jobs.create("plain", Schedules.cron("0 9 * * 1-5"), "send");

        assertThat(((Cron) berlin.schedule()).zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(((Cron) plain.schedule()).zone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void options_set_the_description_enabled_and_delete_after_run() {
        Job job = jobs.create("one-off", Schedules.every(Duration.ofSeconds(10)), "t",
                JobOptions.defaults().description("runs once").enabled(false).deleteAfterRun(true));

        assertThat(job.description()).isEqualTo("runs once");
        assertThat(job.enabled()).isFalse();
        assertThat(job.deleteAfterRun()).isTrue();
    }

    @Test
    void create_if_absent_returns_the_existing_job_unchanged_whatever_was_asked() {
        Job first = jobs.createIfAbsent("Report", Schedules.every(Duration.ofMinutes(1)), "send");

        Job again = jobs.createIfAbsent("report", Schedules.cron("0 9 * * *"), "something else");

        assertThat(again).isEqualTo(first);
        assertThat(jobs.list()).containsExactly(first);
        assertThat(jobs.audit(first.id())).extracting(AuditEntry::action).containsExactly(AuditAction.CREATE);
    }

    @Test
    void pause_and_resume_with_reasons_are_audited_as_the_acting_party() {
        Jobs billing = jobs.as("billing-service");
        Job job = billing.create("charge", Schedules.every(Duration.ofMinutes(1)), "charge");

        assertThat(billing.pause(job.id(), "month-end freeze").status()).isEqualTo(JobStatus.PAUSED);
        assertThat(billing.resume(job.id()).status()).isEqualTo(JobStatus.ACTIVE);

        AuditEntry pause = billing.audit(job.id()).get(1);
        assertThat(pause.action()).isEqualTo(AuditAction.PAUSE);
        assertThat(pause.actor()).isEqualTo("billing-service");
        assertThat(pause.detail()).contains("month-end freeze");
        assertThat(billing.list(JobStatus.ACTIVE)).extracting(Job::id).containsExactly(job.id());
    }

    @Test
    void a_failed_job_needs_force_to_resume() {
        scheduler.runner.failingWith("HTTP 500: down");
        Job job = jobs.create("flaky", Schedules.every(Duration.ofMinutes(1)), "call");

        assertThat(jobs.runNow(job.id()).status()).isEqualTo(RunStatus.ERROR);
        assertThat(jobs.get(job.id()).status()).isEqualTo(JobStatus.FAILED);
        assertThatThrownBy(() -> jobs.resume(job.id()))
                .isInstanceOfSatisfying(TransitionRejectedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FORCE_REQUIRED));

        Job revived = jobs.forceResume(job.id(), "provider is back");

        assertThat(revived.status()).isEqualTo(JobStatus.ACTIVE);
        assertThat(revived.consecutiveErrors()).isZero();
        assertThat(jobs.audit(job.id(), 1)).extracting(AuditEntry::action).containsExactly(AuditAction.FORCE_RESUME);
        assertThat(jobs.summary().active()).isEqualTo(1);
    }

    @Test
    void run_now_records_a_run_and_delete_keeps_the_audit_trail() {
        Job job = jobs.create("by-hand", Schedules.every(Duration.ofMinutes(1)), "t");

        assertThat(jobs.runNow(job.id()).result()).isEqualTo("done: t");
        assertThat(jobs.runs(job.id())).extracting(r -> r.status()).containsExactly(RunStatus.OK);

        jobs.delete(job.id());

        assertThat(jobs.find(job.id())).isEmpty();
        assertThatThrownBy(() -> jobs.get(job.id())).isInstanceOf(JobNotFoundException.class);
        assertThat(jobs.audit(job.id()).get(0).action()).isEqualTo(AuditAction.DELETE);
        assertThat(jobs.named("by-hand")).isEmpty();
    }
}
