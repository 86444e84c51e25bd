package dev.hourglass.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.error.ErrorCode;
import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.port.in.BulkResume;
import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.in.ResumeFilter;
import dev.hourglass.domain.port.in.ResumeJobsCommand;
import dev.hourglass.domain.port.in.RunJobNowCommand;
import dev.hourglass.domain.schedule.ScheduleSpec;
import dev.hourglass.domain.testing.TestScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** CONTRACT §11.4: a bulk resume is many single resumes, each under §4's rules, refusals listed. */
class BulkResumeTest {

    /** One error trips a breaker, so a failed fleet takes one run per job. */
    private final TestScheduler scheduler = new TestScheduler(builder -> builder.maxConsecutiveErrors(1));

    @Test
    void force_resumes_every_failed_job_of_an_incident_each_audited_as_part_of_a_bulk_resume() {
        List<Job> fleet = failed("sync", 4, "HTTP 429: quota 77 exceeded");
        Job bystander = failed("other", 1, "disk full").get(0);
        String incident = scheduler.api.incidents().incidents(true).get(0).incident().id();
        scheduler.clock.advance(Duration.ofMinutes(5));

        BulkResume done = resumeAll(ResumeFilter.incident(incident).andStatus(JobStatus.FAILED), true,
                "quota raised", false);

        assertThat(done.dryRun()).isFalse();
        assertThat(done.skipped()).isEmpty();
        assertThat(done.resumed()).extracting(Job::id).containsExactlyInAnyOrderElementsOf(ids(fleet));
        assertThat(done.resumed()).allSatisfy(job -> {
            assertThat(job.status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(job.consecutiveErrors()).isZero();
            assertThat(job).isEqualTo(scheduler.get(job.id()));
        });
        AuditEntry entry = scheduler.audit(fleet.get(0).id()).get(0);
        assertThat(entry.action()).isEqualTo(AuditAction.FORCE_RESUME);
        assertThat(entry.actor()).isEqualTo("user");
        assertThat(entry.detail()).isEqualTo("part of a bulk resume; reason: quota raised; cleared 1 consecutive "
                + "errors; last error: HTTP 429: quota 77 exceeded");
        assertThat(scheduler.get(bystander.id()).status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void without_force_failed_jobs_refuse_and_are_listed_with_force_required() {
        List<Job> fleet = failed("sync", 2, "boom");
        Job paused = scheduler.create("resting", ScheduleSpec.every(3_600_000));
        scheduler.api.pause().pause(new PauseJobCommand(paused.id(), null, "user"));
        Job active = scheduler.create("busy", ScheduleSpec.every(3_600_000));

        BulkResume done = resumeAll(ResumeFilter.ids(Set.of(fleet.get(0).id(), fleet.get(1).id(), paused.id(),
                active.id(), new JobId("no-such-job"))), false, null, false);

        assertThat(done.resumed()).extracting(Job::name).containsExactly("resting");
        assertThat(done.skipped()).extracting(BulkResume.Skipped::name, BulkResume.Skipped::code)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("sync-1", ErrorCode.FORCE_REQUIRED),
                        org.assertj.core.groups.Tuple.tuple("sync-2", ErrorCode.FORCE_REQUIRED),
                        org.assertj.core.groups.Tuple.tuple("busy", ErrorCode.ALREADY_ACTIVE),
                        org.assertj.core.groups.Tuple.tuple(null, ErrorCode.NOT_FOUND));
        assertThat(fleet).allSatisfy(job -> assertThat(scheduler.get(job.id()).status()).isEqualTo(JobStatus.FAILED));
        assertThat(scheduler.audit(paused.id()).get(0).detail()).isEqualTo("part of a bulk resume");
    }

    @Test
    void a_completed_job_stays_completed_even_with_force() {
        scheduler.runner.succeeding();
        Job once = scheduler.api.create().create(new CreateJobCommand("once", null, true,
                ScheduleSpec.at("2026-11-28T10:30:00Z"), "t", false, "user", null, null, null));
        scheduler.clock.advance(Duration.ofHours(1));
        scheduler.hourglass.runDueJobs();
        assertThat(scheduler.get(once.id()).status()).isEqualTo(JobStatus.COMPLETED);

        BulkResume done = resumeAll(ResumeFilter.status(JobStatus.COMPLETED), true, "try", false);

        assertThat(done.resumed()).isEmpty();
        assertThat(done.skipped()).singleElement()
                .satisfies(skip -> assertThat(skip.code()).isEqualTo(ErrorCode.COMPLETED_IS_FINAL));
    }

    @Test
    void a_dry_run_answers_what_would_happen_and_changes_nothing() {
        List<Job> fleet = failed("sync", 3, "boom");
        List<Job> before = fleet.stream().map(job -> scheduler.get(job.id())).toList();
        int alerts = scheduler.store.alertBacklog().count();

        BulkResume preview = resumeAll(ResumeFilter.status(JobStatus.FAILED), true, "checking", true);

        assertThat(preview.dryRun()).isTrue();
        assertThat(preview.resumed()).hasSize(3).allSatisfy(job -> {
            assertThat(job.status()).isEqualTo(JobStatus.ACTIVE);
            assertThat(job.nextRunAt()).isNotNull();
        });
        assertThat(fleet.stream().map(job -> scheduler.get(job.id())).toList()).isEqualTo(before);
        assertThat(fleet).allSatisfy(job -> assertThat(scheduler.audit(job.id()).get(0).action())
                .isEqualTo(AuditAction.FAIL));
        assertThat(scheduler.store.alertBacklog().count()).isEqualTo(alerts);

        BulkResume refused = resumeAll(ResumeFilter.status(JobStatus.FAILED), false, null, true);
        assertThat(refused.resumed()).isEmpty();
        assertThat(refused.skipped()).hasSize(3).allSatisfy(skip -> assertThat(skip.code())
                .isEqualTo(ErrorCode.FORCE_REQUIRED));
    }

    @Test
    void failed_since_and_dependency_narrow_the_match() {
        Job early = failed("early", 1, "boom").get(0);
        scheduler.clock.advance(Duration.ofHours(1));
        Instant cut = scheduler.clock.instant();
        Job late = failed("late", 1, "boom").get(0);
        Job lateWithDependency = scheduler.api.create().create(new CreateJobCommand("late-slack", null, true,
                ScheduleSpec.every(3_600_000), "t", false, "user", null, "Slack", null));
        scheduler.clock.advance(Duration.ofSeconds(1));
        scheduler.api.runNow().runNow(new RunJobNowCommand(lateWithDependency.id(), "user"));

        assertThat(resumeAll(ResumeFilter.failedSince(cut), true, null, true).resumed()).extracting(Job::name)
                .containsExactlyInAnyOrder("late", "late-slack");
        assertThat(resumeAll(ResumeFilter.failedSince(cut).andDependency("SLACK"), true, null, true).resumed())
                .extracting(Job::name).containsExactly("late-slack");
        assertThat(early.id()).isNotEqualTo(late.id());
    }

    @Test
    void the_filter_needs_a_criterion_and_at_most_1000_ids() {
        assertThatThrownBy(() -> new ResumeFilter(null, null, null, null, null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("filter"));
        assertThatThrownBy(() -> ResumeFilter.ids(Set.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("filter.ids"));
        Set<JobId> tooMany = IntStream.rangeClosed(1, 1001).mapToObj(i -> new JobId("j-" + i)).collect(Collectors.toSet());
        assertThatThrownBy(() -> ResumeFilter.ids(tooMany))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("filter.ids"));
        assertThatThrownBy(() -> resumeAll(ResumeFilter.incident("no-such-incident"), true, null, false))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("filter.incident"));
    }

    @Test
    void the_typed_api_resumes_all_and_previews() {
        List<Job> fleet = failed("sync", 3, "HTTP 503: 3 retries");
        String incident = scheduler.hourglass.jobs().incidents().get(0).incident().id();

        assertThat(scheduler.hourglass.jobs().previewResumeAll(ResumeFilter.incident(incident), true).resumed())
                .hasSize(3);
        BulkResume done = scheduler.hourglass.jobs().resumeAll(ResumeFilter.incident(incident), true, "fixed");

        assertThat(done.resumed()).extracting(Job::id).containsExactlyInAnyOrderElementsOf(ids(fleet));
    }

    private BulkResume resumeAll(ResumeFilter filter, boolean force, String reason, boolean dryRun) {
        return scheduler.api.resumeAll().resumeAll(new ResumeJobsCommand(filter, force, reason, dryRun, "user"));
    }

    /** {@code size} jobs whose one failing run tripped their breakers. */
    private List<Job> failed(String prefix, int size, String error) {
        scheduler.runner.failingWith(error);
        List<Job> jobs = IntStream.rangeClosed(1, size)
                .mapToObj(i -> scheduler.create(size == 1 ? prefix : prefix + "-" + i, ScheduleSpec.every(3_600_000)))
                .toList();
        jobs.forEach(job -> {
            scheduler.clock.advance(Duration.ofSeconds(1));
            scheduler.api.runNow().runNow(new RunJobNowCommand(job.id(), "user"));
        });
        return jobs.stream().map(job -> scheduler.get(job.id())).toList();
    }

    private static List<JobId> ids(List<Job> jobs) {
        return jobs.stream().map(Job::id).toList();
    }
}
