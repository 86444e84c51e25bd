package dev.hourglass.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.BatchRefusedException;
import dev.hourglass.domain.error.DuplicateNameException;
import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.error.JobNotFoundException;
import dev.hourglass.domain.error.PreconditionFailedException;
import dev.hourglass.domain.error.TransitionRejectedException;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Explanation;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobRevision;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.schedule.Cron;
import dev.hourglass.domain.schedule.Every;
import dev.hourglass.domain.schedule.Schedules;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
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
    void create_all_creates_a_batch_in_its_order_with_the_options_of_each() {
        List<Job> created = jobs.as("importer").createAll(List.of(
                NewJob.of("sync-eu", Schedules.every(Duration.ofMinutes(5)), "eu"),
                NewJob.of("sync-us", Schedules.every(Duration.ofMinutes(5)), "us")
                        .with(JobOptions.defaults().dependency("crm").enabled(false))));

        assertThat(created).extracting(Job::name).containsExactly("sync-eu", "sync-us");
        assertThat(created.get(1).dependency()).isEqualTo("crm");
        assertThat(created.get(1).enabled()).isFalse();
        assertThat(created).allSatisfy(job -> assertThat(job.createdBy()).isEqualTo("importer"));
        assertThat(jobs.list()).hasSize(2);
    }

    @Test
    void create_all_refuses_the_whole_batch_naming_each_bad_job_by_index() {
        jobs.create("taken", Schedules.every(Duration.ofMinutes(5)), "t");

        assertThatThrownBy(() -> jobs.createAll(List.of(
                NewJob.of("fine", Schedules.every(Duration.ofMinutes(5)), "t"),
                NewJob.of("too-late", Schedules.at(now.minusSeconds(1)), "t"),
                NewJob.of("TAKEN", Schedules.every(Duration.ofMinutes(5)), "t"),
                NewJob.of("x".repeat(201), Schedules.every(Duration.ofMinutes(5)), "t"))))
                .isInstanceOfSatisfying(BatchRefusedException.class, e -> assertThat(e.items())
                        .extracting(BatchRefusedException.Item::index).containsExactly(1, 2, 3));
        assertThat(jobs.list()).extracting(Job::name).containsExactly("taken");
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

    @Test
    void an_edit_changes_the_named_fields_keeps_the_rest_and_adds_a_revision_audited_as_update() {
        Jobs ops = jobs.as("ops-team");
        Job job = ops.create("sync", Schedules.every(Duration.ofMinutes(5)), "sync the ledger",
                JobOptions.defaults().description("every five minutes"));

        Job edited = ops.edit(job.id(), edit -> edit.schedule(Schedules.every(Duration.ofHours(1))).description(null)
                .expectSuccessWithinMs(Duration.ofHours(3).toMillis()));

        assertThat(edited.id()).isEqualTo(job.id());
        assertThat(edited.revision()).isEqualTo(2);
        assertThat(((Every) edited.schedule()).intervalMs()).isEqualTo(Duration.ofHours(1).toMillis());
        assertThat(edited.description()).isNull();
        assertThat(edited.task()).isEqualTo("sync the ledger");
        assertThat(edited.expectSuccessWithinMs()).isEqualTo(Duration.ofHours(3).toMillis());
        assertThat(edited.nextRunAt()).isEqualTo(now.plus(Duration.ofHours(1)));
        AuditEntry update = ops.audit(job.id(), 1).get(0);
        assertThat(update.action()).isEqualTo(AuditAction.UPDATE);
        assertThat(update.actor()).isEqualTo("ops-team");
        assertThat(ops.revisions(job.id())).extracting(JobRevision::revision).containsExactly(2L, 1L);
        assertThat(ops.revisions(job.id()).get(1).definition().description()).isEqualTo("every five minutes");
    }

    @Test
    void an_edit_for_another_revision_is_refused_and_changes_nothing() {
        Job job = jobs.create("report", Schedules.every(Duration.ofMinutes(5)), "t");
        jobs.edit(job.id(), 1, edit -> edit.task("t2"));

        assertThatThrownBy(() -> jobs.edit(job.id(), 1, edit -> edit.task("t3")))
                .isInstanceOfSatisfying(PreconditionFailedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION_FAILED));

        assertThat(jobs.get(job.id()).task()).isEqualTo("t2");
        assertThat(jobs.get(job.id()).revision()).isEqualTo(2);
    }

    @Test
    void an_edit_to_a_taken_name_is_a_duplicate() {
        jobs.create("first", Schedules.every(Duration.ofMinutes(5)), "t");
        Job second = jobs.create("second", Schedules.every(Duration.ofMinutes(5)), "t");

        assertThatThrownBy(() -> jobs.edit(second.id(), edit -> edit.name("FIRST")))
                .isInstanceOf(DuplicateNameException.class);
        assertThat(jobs.get(second.id()).name()).isEqualTo("second");
    }

    @Test
    void a_pause_until_shows_its_end_and_the_explanation_says_when_it_resumes() {
        Job job = jobs.create("mailer", Schedules.every(Duration.ofMinutes(5)), "t");
        Instant until = now.plus(Duration.ofHours(2));

        Job paused = jobs.pauseUntil(job.id(), until, "mail server upgrade");

        assertThat(paused.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(paused.pausedUntil()).isEqualTo(until);
        Explanation explanation = jobs.explain(job.id());
        assertThat(explanation.reasons()).extracting(Explanation.Reason::code).containsExactly(Explanation.Code.PAUSED);
        assertThat(explanation.reasons().get(0).until()).isEqualTo(until);
        assertThat(explanation.summary()).isNotBlank();
    }

    @Test
    void an_active_job_is_explained_by_its_next_fire() {
        Job job = jobs.create("tidy", Schedules.every(Duration.ofMinutes(5)), "t");

        Explanation explanation = jobs.explain(job.id());

        assertThat(explanation.firesNextAt()).isEqualTo(job.nextRunAt());
        assertThat(explanation.reasons()).extracting(Explanation.Reason::code)
                .containsExactly(Explanation.Code.SCHEDULED);
        assertThatThrownBy(() -> jobs.explain(dev.hourglass.domain.model.JobId.of("j-unknown")))
                .isInstanceOf(JobNotFoundException.class);
    }
}
