package dev.hourglass.http;

import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.JobDefinition;
import dev.hourglass.domain.model.JobRevision;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.JobSummary;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.Explanation;
import dev.hourglass.domain.port.in.HealthReport;
import dev.hourglass.domain.port.in.SchedulePreview;
import java.time.Instant;
import java.util.List;

/** The response bodies of CONTRACT §7, one record each. */
final class Responses {

    private Responses() {
    }

    record JobBody(JobJson job) {
    }

    /** A page of the listing; {@code nextCursor} continues it, null on the last page. */
    record JobList(SummaryJson summary, List<JobJson> jobs, String nextCursor) {
    }

    /** {@code POST .../batch}: the jobs as stored, in the order of the request. */
    record JobsBody(List<JobJson> jobs) {
    }

    /** A refused batch: the error of the whole, and each refused job by its index in {@code jobs}. */
    record BatchError(String error, String code, List<ItemError> errors) {
    }

    record ItemError(int index, String error, String code) {
    }

    record Deleted(boolean deleted) {
    }

    /** {@code job} is null when the run removed the job (a {@code deleteAfterRun} job) or it was deleted meanwhile. */
    record RunResult(String result, JobJson job) {
    }

    record AuditEntries(List<AuditEntryJson> entries) {
    }

    record Runs(List<RunJson> runs) {
    }

    /** {@code nextRuns} is null, like {@code nextRunAt} and {@code humanReadable}, when {@code error} is set. */
    record Preview(Instant nextRunAt, List<Instant> nextRuns, String humanReadable, String error) {

        static Preview of(SchedulePreview preview) {
            return new Preview(preview.nextRunAt(), preview.nextRuns(), preview.humanReadable(), preview.error());
        }
    }

    /** {@code /health}: what was checked, and the problems when the service cannot do its job. */
    record Health(String status, boolean store, String dispatcher, boolean lease, int outcomeBacklog,
            Instant oldestClaimAt, int alertBacklog, Instant oldestAlertAt, List<String> problems) {

        static Health of(HealthReport report) {
            return new Health(report.healthy() ? "ok" : "unavailable", report.storeReachable(), report.dispatcher(),
                    report.leaseHeld(), report.outcomeBacklog(), report.oldestClaimAt().orElse(null),
                    report.alertBacklog(), report.oldestAlertAt().orElse(null), report.problems());
        }
    }

    record Error(String error, String code) {
    }

    record SummaryJson(int total, int active, int paused, int completed, int failed, Instant nextFireAt,
            int recentFailures, int stale, int openDependencies) {

        static SummaryJson of(JobSummary summary) {
            return new SummaryJson(summary.total(), summary.active(), summary.paused(), summary.completed(),
                    summary.failed(), summary.nextFireAt(), summary.recentFailures(), summary.stale(),
                    summary.openDependencies());
        }
    }

    record Revisions(List<RevisionJson> revisions) {
    }

    /** {@code GET .../{id}/explain}: why the job will or will not fire next. */
    record ExplanationJson(String jobId, String status, Instant firesNextAt, String summary, List<ReasonJson> reasons) {

        static ExplanationJson of(Explanation explanation) {
            return new ExplanationJson(explanation.jobId().value(), explanation.status().wireName(),
                    explanation.firesNextAt(), explanation.summary(), explanation.reasons().stream()
                            .map(r -> new ReasonJson(r.code().wireName(), r.message(), r.since(), r.until())).toList());
        }
    }

    record ReasonJson(String code, String message, Instant since, Instant until) {
    }

    record RevisionJson(long revision, Instant changedAt, String changedBy, DefinitionJson definition) {

        static RevisionJson of(JobRevision revision) {
            JobDefinition d = revision.definition();
            return new RevisionJson(revision.revision(), revision.changedAt(), revision.changedBy(),
                    new DefinitionJson(d.name(), d.description(), d.enabled(), ScheduleJson.of(d.schedule()), d.task(),
                            d.deleteAfterRun(), d.expectSuccessWithinMs(), d.dependency(), ProbeJson.of(d.probe())));
        }
    }

    /** The fields an edit can change, as they were at one revision. */
    record DefinitionJson(String name, String description, boolean enabled, ScheduleJson schedule, String task,
            boolean deleteAfterRun, Long expectSuccessWithinMs, String dependency, ProbeJson probe) {
    }

    record AuditEntryJson(String id, String jobId, String jobName, String action, String previousStatus,
            String newStatus, String actor, String detail, Instant createdAt) {

        static AuditEntryJson of(AuditEntry entry) {
            return new AuditEntryJson(entry.id(), entry.jobId().value(), entry.jobName(), entry.action().wireName(),
                    wireName(entry.previousStatus()), wireName(entry.newStatus()), entry.actor(), entry.detail(),
                    entry.createdAt());
        }

        private static String wireName(JobStatus status) {
            return status == null ? null : status.wireName();
        }
    }

    record RunJson(String runId, String jobId, Instant plannedAt, Instant startedAt, long durationMs, String status,
            String error, String output, String instance, boolean probe) {

        static RunJson of(RunRecord run) {
            return new RunJson(run.runId().value(), run.jobId().value(), run.plannedAt(), run.startedAt(),
                    run.durationMs(), run.status().wireName(), run.error(), run.output(),
                    run.instance() == null ? null : run.instance().value(), run.probe());
        }
    }
}
