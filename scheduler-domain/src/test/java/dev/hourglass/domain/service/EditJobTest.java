package dev.hourglass.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.DuplicateNameException;
import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.error.HourglassException;
import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.error.JobNotFoundException;
import dev.hourglass.domain.error.PreconditionFailedException;
import dev.hourglass.domain.error.UnusableScheduleException;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobRevision;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.in.EditJobCommand;
import dev.hourglass.domain.port.in.HistoryQuery;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.in.ResumeJobCommand;
import dev.hourglass.domain.port.out.Applied;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.RunOutcome;
import dev.hourglass.domain.schedule.Every;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.ForwardingStore;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** CONTRACT §12.1: edit in place, through the use case, with the engine driven by hand. */
class EditJobTest {

    private final TestScheduler scheduler = new TestScheduler();

    @Test
    void an_edit_keeps_id_status_counters_and_history_and_counts_one_revision() {
        Job job = scheduler.create("report", ScheduleSpec.every(10_000));
        scheduler.clock.advance(Duration.ofSeconds(10));
        scheduler.hourglass.runDueJobs();
        scheduler.clock.advance(Duration.ofSeconds(1));

        Job edited = edit(job.id(), e -> e.name("daily report").description("for the board").task("send v2"));

        Job stored = scheduler.get(job.id());
        assertThat(stored).isEqualTo(edited);
        assertThat(stored.id()).isEqualTo(job.id());
        assertThat(stored.name()).isEqualTo("daily report");
        assertThat(stored.description()).isEqualTo("for the board");
        assertThat(stored.task()).isEqualTo("send v2");
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(stored.runCount()).isEqualTo(1);
        assertThat(stored.nextRunAt()).as("the schedule did not change").isEqualTo(Instant.parse("2026-11-28T10:00:20Z"));
        assertThat(stored.updatedAt()).isEqualTo(scheduler.clock.instant());
        assertThat(scheduler.api.runs().runs(HistoryQuery.of(job.id(), null))).hasSize(1);
    }

    @Test
    void the_update_audit_names_each_changed_field_old_to_new_and_the_task_only_by_size_and_hash() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));

        edit(job.id(), e -> e.name("report v2").task("secret payload").enabled(true));

        AuditEntry update = scheduler.audit(job.id()).get(0);
        assertThat(update.action()).isEqualTo(AuditAction.UPDATE);
        assertThat(update.actor()).isEqualTo("user");
        assertThat(update.previousStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(update.newStatus()).isEqualTo(JobStatus.ACTIVE);
        assertThat(update.detail())
                .contains("name: 'report' → 'report v2'")
                .containsPattern("task: 14 bytes, sha256 [0-9a-f]{12} → 14 bytes, sha256 [0-9a-f]{12}")
                .doesNotContain("secret", "enabled");
    }

    @Test
    void an_edit_that_changes_nothing_is_a_no_op_without_revision_or_audit() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));
        scheduler.clock.advance(Duration.ofSeconds(5));

        Job same = edit(job.id(), e -> e.name("report").task(job.task()).schedule(ScheduleSpec.every(60_000))
                .enabled(true).description(null));

        assertThat(same).isEqualTo(job);
        assertThat(scheduler.get(job.id())).isEqualTo(job);
        assertThat(scheduler.audit(job.id())).hasSize(1);
        assertThat(revisions(job.id())).hasSize(1);
    }

    @Test
    void a_new_schedule_on_an_active_job_plans_from_now_and_an_interval_gets_its_grid_from_the_edit() {
        Job job = scheduler.create("tick", ScheduleSpec.every(60_000));
        scheduler.clock.advance(Duration.ofSeconds(17));

        Job edited = edit(job.id(), e -> e.schedule(ScheduleSpec.every(30_000)));

        assertThat(((Every) edited.schedule()).anchor()).isEqualTo(Instant.parse("2026-11-28T10:00:17Z"));
        assertThat(edited.nextRunAt()).isEqualTo(Instant.parse("2026-11-28T10:00:47Z"));
        assertThat(scheduler.audit(job.id()).get(0).detail()).isEqualTo("schedule: every minute → every 30 seconds");
    }

    @Test
    void a_new_schedule_leaves_a_paused_job_paused_and_a_failed_one_failed() {
        Job paused = scheduler.create("paused", ScheduleSpec.every(60_000));
        scheduler.api.pause().pause(new PauseJobCommand(paused.id(), null, null));
        Job failing = scheduler.create("failing", ScheduleSpec.at("2026-11-28T10:00:01Z"));
        scheduler.runner.failingWith("boom");
        for (int i = 0; i < 3; i++) {
            scheduler.clock.advance(Duration.ofMinutes(20));
            scheduler.hourglass.runDueJobs();
        }
        assertThat(scheduler.get(failing.id()).status()).isEqualTo(JobStatus.FAILED);

        Job stillPaused = edit(paused.id(), e -> e.schedule(ScheduleSpec.every(5_000)));
        Job stillFailed = edit(failing.id(), e -> e.schedule(ScheduleSpec.every(5_000)));

        assertThat(stillPaused.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(stillPaused.nextRunAt()).isNull();
        assertThat(stillFailed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(stillFailed.nextRunAt()).isNull();
        assertThat(stillFailed.consecutiveErrors()).isEqualTo(3);
    }

    @Test
    void disabling_an_active_job_clears_its_next_run_and_enabling_it_plans_from_now() {
        Job job = scheduler.create("tick", ScheduleSpec.every(60_000));

        assertThat(edit(job.id(), e -> e.enabled(false)).nextRunAt()).isNull();
        scheduler.clock.advance(Duration.ofSeconds(90));
        assertThat(edit(job.id(), e -> e.enabled(true)).nextRunAt()).isEqualTo(Instant.parse("2026-11-28T10:02:00Z"));
    }

    @Test
    void an_edit_is_judged_as_create_judges() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));
        scheduler.create("taken", ScheduleSpec.every(60_000));

        assertRefused(() -> edit(job.id(), e -> e.name(" ")), ErrorCode.INVALID_REQUEST, "name");
        assertRefused(() -> edit(job.id(), e -> e.task("x".repeat(32 * 1024 + 1))), ErrorCode.TASK_TOO_LARGE, "task");
        assertRefused(() -> edit(job.id(), e -> e.schedule(null)), ErrorCode.INVALID_REQUEST, "schedule");
        assertRefused(() -> edit(job.id(), e -> e.expectSuccessWithinMs(59_999L)), ErrorCode.INVALID_REQUEST,
                "expectSuccessWithinMs");
        assertThatThrownBy(() -> edit(job.id(), e -> e.schedule(ScheduleSpec.at("2026-11-28T09:00:00Z"))))
                .isInstanceOf(UnusableScheduleException.class);
        assertThatThrownBy(() -> edit(job.id(), e -> e.name("TAKEN"))).isInstanceOf(DuplicateNameException.class);
        assertThatThrownBy(() -> edit(new JobId("nope"), e -> e.name("x"))).isInstanceOf(JobNotFoundException.class);
        assertThat(scheduler.get(job.id())).isEqualTo(job);
    }

    @Test
    void null_clears_the_description_and_the_staleness_window() {
        Job job = scheduler.api.create().create(new dev.hourglass.domain.port.in.CreateJobCommand("watched", "text",
                true, ScheduleSpec.every(60_000), "task", false, null, 3_600_000L));

        Job cleared = edit(job.id(), e -> e.description(null).expectSuccessWithinMs(null));

        assertThat(cleared.description()).isNull();
        assertThat(cleared.expectSuccessWithinMs()).isNull();
        assertThat(scheduler.audit(job.id()).get(0).detail())
                .isEqualTo("description: 'text' → null; expectSuccessWithinMs: 3600000 → null");
    }

    @Test
    void revisions_list_each_accepted_definition_newest_first() {
        Job job = scheduler.create("v1", ScheduleSpec.every(60_000));
        scheduler.clock.advance(Duration.ofSeconds(1));
        edit(job.id(), e -> e.name("v2"));
        scheduler.clock.advance(Duration.ofSeconds(1));
        edit(job.id(), e -> e.name("v3"));

        List<JobRevision> revisions = revisions(job.id());

        assertThat(revisions).extracting(JobRevision::revision).containsExactly(3L, 2L, 1L);
        assertThat(revisions).extracting(r -> r.definition().name()).containsExactly("v3", "v2", "v1");
        assertThat(revisions.get(0).changedAt()).isEqualTo(Instant.parse("2026-11-28T10:00:02Z"));
        assertThat(revisions.get(2).changedAt()).isEqualTo(job.createdAt());
    }

    @Test
    void an_edit_expecting_another_revision_is_refused_and_changes_nothing() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));
        edit(job.id(), e -> e.name("report v2"));

        assertThatThrownBy(() -> scheduler.api.edit().edit(
                EditJobCommand.of(job.id(), null).name("report v3").ifRevision(1L).build()))
                .isInstanceOf(PreconditionFailedException.class)
                .satisfies(e -> assertThat(((HourglassException) e).code()).isEqualTo(ErrorCode.PRECONDITION_FAILED));

        assertThat(scheduler.get(job.id()).name()).isEqualTo("report v2");
        assertThat(scheduler.get(job.id()).revision()).isEqualTo(2);
    }

    // ---- races (CONTRACT §12.1): exactly one wins, nothing half-applied

    @Test
    void two_edits_with_the_same_if_match_one_wins_and_the_other_is_refused() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));
        EditJobCommand first = EditJobCommand.of(job.id(), null).name("first").task("first task").ifRevision(1L)
                .build();
        EditJobCommand second = EditJobCommand.of(job.id(), null).name("second").task("second task")
                .ifRevision(1L).build();

        scheduler.api.edit().edit(first);

        assertThatThrownBy(() -> scheduler.api.edit().edit(second)).isInstanceOf(PreconditionFailedException.class);
        Job stored = scheduler.get(job.id());
        assertThat(stored.name()).isEqualTo("first");
        assertThat(stored.task()).isEqualTo("first task");
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(revisions(job.id())).hasSize(2);
    }

    @Test
    void an_edit_during_a_run_applies_at_once_and_the_outcome_plans_by_the_new_schedule() {
        Job job = scheduler.create("tick", ScheduleSpec.every(10_000));
        scheduler.clock.advance(Duration.ofSeconds(10));
        scheduler.runner.answering(request -> {
            Job edited = edit(job.id(), e -> e.name("tock").schedule(ScheduleSpec.every(3_600_000)));
            assertThat(edited.name()).isEqualTo("tock");
            scheduler.clock.advance(Duration.ofSeconds(2));
            return RunOutcome.ok("done");
        });

        scheduler.hourglass.runDueJobs();

        Job after = scheduler.get(job.id());
        assertThat(after.name()).isEqualTo("tock");
        assertThat(after.schedule()).isEqualTo(new Every(3_600_000, Instant.parse("2026-11-28T10:00:10Z")));
        assertThat(after.revision()).isEqualTo(2);
        assertThat(after.runCount()).isEqualTo(1);
        assertThat(after.lastRun().status()).isEqualTo(RunStatus.OK);
        assertThat(after.claim()).isNull();
        assertThat(after.nextRunAt()).as("the new hourly grid from the edit, not the old 10 s one")
                .isEqualTo(Instant.parse("2026-11-28T11:00:10Z"));
    }

    @Test
    void a_failing_run_after_an_edit_during_it_still_counts_its_error_against_the_edited_job() {
        Job job = scheduler.create("tick", ScheduleSpec.every(10_000));
        scheduler.clock.advance(Duration.ofSeconds(10));
        scheduler.runner.answering(request -> {
            edit(job.id(), e -> e.task("fixed task"));
            return RunOutcome.failed("boom");
        });

        scheduler.hourglass.runDueJobs();

        Job after = scheduler.get(job.id());
        assertThat(after.task()).isEqualTo("fixed task");
        assertThat(after.consecutiveErrors()).isEqualTo(1);
        assertThat(after.nextRunAt()).as("30 s backoff").isEqualTo(Instant.parse("2026-11-28T10:00:40Z"));
    }

    @Test
    void an_edit_and_a_pause_during_one_run_both_hold_and_the_outcome_overwrites_neither() {
        Job job = scheduler.create("tick", ScheduleSpec.every(10_000));
        scheduler.clock.advance(Duration.ofSeconds(10));
        scheduler.runner.answering(request -> {
            edit(job.id(), e -> e.name("edited"));
            scheduler.api.pause().pause(new PauseJobCommand(job.id(), null, null));
            return RunOutcome.failed("boom");
        });

        scheduler.hourglass.runDueJobs();

        Job after = scheduler.get(job.id());
        assertThat(after.name()).isEqualTo("edited");
        assertThat(after.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(after.consecutiveErrors()).isZero();
        assertThat(after.runCount()).isEqualTo(1);
        assertThat(after.claim()).isNull();
    }

    @Test
    void a_pause_then_an_edit_during_one_run_keep_the_pause() {
        Job job = scheduler.create("tick", ScheduleSpec.every(10_000));
        scheduler.clock.advance(Duration.ofSeconds(10));
        scheduler.runner.answering(request -> {
            scheduler.api.pause().pause(new PauseJobCommand(job.id(), null, null));
            edit(job.id(), e -> e.schedule(ScheduleSpec.every(60_000)));
            return RunOutcome.ok("done");
        });

        scheduler.hourglass.runDueJobs();

        Job after = scheduler.get(job.id());
        assertThat(after.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(after.nextRunAt()).isNull();
        assertThat(after.claim()).isNull();
        scheduler.api.resume().resume(new ResumeJobCommand(job.id(), false, null, null));
        assertThat(scheduler.get(job.id()).nextRunAt()).isEqualTo(Instant.parse("2026-11-28T10:01:10Z"));
    }

    @Test
    void an_edit_racing_a_pause_on_the_same_version_retries_and_both_apply_whole() {
        Job job = scheduler.create("report", ScheduleSpec.every(60_000));
        JobCommandService racing = serviceWhoseFirstEditLosesTo(() ->
                scheduler.api.pause().pause(new PauseJobCommand(job.id(), "racing", null)));

        Job edited = racing.edit(EditJobCommand.of(job.id(), null).name("renamed").build());

        assertThat(edited.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(edited.name()).isEqualTo("renamed");
        assertThat(scheduler.get(job.id())).isEqualTo(edited);
        assertThat(scheduler.audit(job.id())).extracting(AuditEntry::action)
                .containsExactly(AuditAction.UPDATE, AuditAction.PAUSE, AuditAction.CREATE);
    }

    private Job edit(JobId id, UnaryOperator<EditJobCommand.Builder> changes) {
        return scheduler.api.edit().edit(changes.apply(EditJobCommand.of(id, null)).build());
    }

    /** A service over the same store in which another writer changes the job just before the first edit lands. */
    private JobCommandService serviceWhoseFirstEditLosesTo(Runnable competitor) {
        AtomicBoolean raced = new AtomicBoolean();
        ForwardingStore store = new ForwardingStore(scheduler.store) {
            @Override
            public Applied apply(List<? extends JobWrite> writes) {
                if (writes.stream().anyMatch(JobWrite.Edit.class::isInstance) && raced.compareAndSet(false, true)) {
                    competitor.run();
                }
                return super.apply(writes);
            }
        };
        AtomicLong ids = new AtomicLong();
        return new JobCommandService(store, scheduler.clock, () -> "racing-" + ids.incrementAndGet(), ZoneOffset.UTC,
                100, () -> { });
    }

    private List<JobRevision> revisions(JobId id) {
        return scheduler.api.revisions().revisions(HistoryQuery.of(id, 100));
    }

    private static void assertRefused(Runnable call, ErrorCode code, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
