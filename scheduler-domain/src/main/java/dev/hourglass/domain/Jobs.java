package dev.hourglass.domain;

import dev.hourglass.domain.error.DuplicateNameException;
import dev.hourglass.domain.error.JobNotFoundException;
import dev.hourglass.domain.model.Actor;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Explanation;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobPage;
import dev.hourglass.domain.model.JobQuery;
import dev.hourglass.domain.model.JobRevision;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.JobSummary;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.port.in.BulkResume;
import dev.hourglass.domain.port.in.CreateJobsCommand;
import dev.hourglass.domain.port.in.DeleteJobCommand;
import dev.hourglass.domain.port.in.EditJobCommand;
import dev.hourglass.domain.port.in.HistoryQuery;
import dev.hourglass.domain.port.in.IncidentView;
import dev.hourglass.domain.port.in.JobListing;
import dev.hourglass.domain.port.in.ManualRun;
import dev.hourglass.domain.port.in.PauseJobCommand;
import dev.hourglass.domain.port.in.ResumeFilter;
import dev.hourglass.domain.port.in.ResumeJobCommand;
import dev.hourglass.domain.port.in.ResumeJobsCommand;
import dev.hourglass.domain.port.in.RunJobNowCommand;
import dev.hourglass.domain.port.in.UseCases;
import dev.hourglass.domain.schedule.ScheduleSpec;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The jobs of an embedded Hourglass, for Java callers: typed ids and schedules (see
 * {@link dev.hourglass.domain.schedule.Schedules}), one method per operation, over the same use
 * cases as the HTTP API, so every rule and audit entry is the same. Refusals are the domain's typed
 * exceptions ({@code TransitionRejectedException} with its code, {@code JobNotFoundException}, ...).
 * Changes are audited as {@code user} unless {@link #as(String)} names another actor.
 *
 * <pre>{@code
 * Jobs jobs = hourglass.jobs();
 * Job report = jobs.createIfAbsent("report", Schedules.cron("0 9 * * 1-5", ZoneId.of("Europe/Berlin")), "send");
 * jobs.pause(report.id(), "holiday");
 * jobs.resume(report.id());
 * jobs.edit(report.id(), edit -> edit.schedule(Schedules.every(Duration.ofHours(1))).description("hourly now"));
 * }</pre>
 */
public final class Jobs {

    private final UseCases useCases;
    private final String actor;

    Jobs(UseCases useCases, String actor) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    /** The same jobs, with changes audited as {@code actor} (1 to 64 characters), e.g. a service's name. */
    public Jobs as(String actor) {
        if (actor == null || actor.isBlank() || actor.length() > Actor.MAX_LENGTH) {
            throw new IllegalArgumentException("actor must be 1 to " + Actor.MAX_LENGTH + " characters");
        }
        return new Jobs(useCases, actor);
    }

    /** Creates an enabled job, kept after it runs. */
    public Job create(String name, ScheduleSpec schedule, String task) {
        return create(name, schedule, task, JobOptions.defaults());
    }

    /**
     * Creates a job with {@code options}.
     *
     * @throws DuplicateNameException when a job of that name (ignoring case) exists
     */
    public Job create(String name, ScheduleSpec schedule, String task, JobOptions options) {
        Objects.requireNonNull(options, "options");
        return useCases.create().create(options.command(name, schedule, task, actor));
    }

    /**
     * Creates every job of {@code batch} (1 to 1000) in one transaction, each as
     * {@link #create(String, ScheduleSpec, String, JobOptions)} would, or none of them.
     *
     * @return the jobs as stored, in the order of {@code batch}
     * @throws dev.hourglass.domain.error.BatchRefusedException naming every refused job by its index in
     *         {@code batch} (an invalid field or schedule, a name twice in the batch or already stored)
     * @throws dev.hourglass.domain.error.JobLimitReachedException when the batch does not fit under the job limit
     * @throws dev.hourglass.domain.error.InvalidInputException naming {@code jobs} for an empty batch or one
     *         of more than 1000
     */
    public List<Job> createAll(List<NewJob> batch) {
        Objects.requireNonNull(batch, "batch");
        CreateJobsCommand.Builder command = CreateJobsCommand.builder();
        for (NewJob job : batch) {
            Objects.requireNonNull(job, "a job of the batch");
            command.add(() -> job.options().command(job.name(), job.schedule(), job.task(), actor));
        }
        return useCases.createAll().createAll(command.build());
    }

    /** As {@link #createIfAbsent(String, ScheduleSpec, String, JobOptions)} with the default options. */
    public Job createIfAbsent(String name, ScheduleSpec schedule, String task) {
        return createIfAbsent(name, schedule, task, JobOptions.defaults());
    }

    /**
     * The job named {@code name} (ignoring case), unchanged, when one exists, whatever its schedule,
     * task or status; otherwise a new one, as {@link #create(String, ScheduleSpec, String, JobOptions)}
     * makes it. Safe when several callers race: only one job is created, and all get it back.
     */
    public Job createIfAbsent(String name, ScheduleSpec schedule, String task, JobOptions options) {
        Optional<Job> existing = named(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return create(name, schedule, task, options);
        } catch (DuplicateNameException e) {
            return named(name).orElseThrow(() -> e);
        }
    }

    /** @throws JobNotFoundException for an unknown id */
    public Job get(JobId id) {
        return useCases.get().get(id);
    }

    /** The job, or empty for an unknown id. */
    public Optional<Job> find(JobId id) {
        try {
            return Optional.of(get(id));
        } catch (JobNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The job named {@code name}, ignoring case, or empty. */
    public Optional<Job> named(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        String key = Job.nameKey(name);
        return all(JobQuery.all().withNameContaining(name)).filter(job -> job.nameKey().equals(key)).findFirst();
    }

    /** Every job, newest first, read a page at a time. */
    public List<Job> list() {
        return all(JobQuery.all()).toList();
    }

    /** The jobs in {@code status}, newest first, read a page at a time. */
    public List<Job> list(JobStatus status) {
        return all(JobQuery.all().withStatus(Objects.requireNonNull(status, "status"))).toList();
    }

    /**
     * One page of the jobs {@code query} selects, newest first; ask for the next with
     * {@code query.after(page.nextCursor())} while {@link JobPage#next()} has one.
     */
    public JobPage page(JobQuery query) {
        JobListing listing = useCases.list().list(query);
        return new JobPage(listing.jobs(), listing.nextCursor());
    }

    private Stream<Job> all(JobQuery query) {
        return Stream.iterate(page(query), Objects::nonNull,
                        page -> page.next().map(cursor -> page(query.after(cursor))).orElse(null))
                .flatMap(page -> page.jobs().stream());
    }

    /** Counts over every job. */
    public JobSummary summary() {
        return useCases.summarize().summarize();
    }

    /** Pauses an active job; a paused one is left as it is. Failed and completed jobs refuse ({@code not_active}). */
    public Job pause(JobId id) {
        return pause(id, null);
    }

    /** As {@link #pause(JobId)}, with a reason (at most 500 characters) for the audit trail. */
    public Job pause(JobId id, String reason) {
        return useCases.pause().pause(new PauseJobCommand(id, reason, actor));
    }

    /**
     * Pauses an active job until {@code until} (in the future, at most a year out), when the engine
     * resumes it by itself, audited {@code resume} by the scheduler. A new pause or a resume replaces it.
     */
    public Job pauseUntil(JobId id, Instant until, String reason) {
        return useCases.pause().pause(new PauseJobCommand(id, reason, actor, Objects.requireNonNull(until, "until")));
    }

    /**
     * Edits the job in place: {@code changes} names each field that changes, with the create's types
     * and rules ({@code null} clears an optional field). The job keeps its id, status, counters and
     * history; an accepted edit adds one revision and one {@code update} audit entry, and an edit
     * that changes nothing returns the job untouched.
     *
     * @throws DuplicateNameException when another job holds the new name
     */
    public Job edit(JobId id, Consumer<EditJobCommand.Builder> changes) {
        return edit(id, null, changes);
    }

    /**
     * As {@link #edit(JobId, Consumer)}, only while the job is at {@code revision} (what the HTTP
     * API's {@code If-Match} does).
     *
     * @throws dev.hourglass.domain.error.PreconditionFailedException when the job is at another revision
     */
    public Job edit(JobId id, long revision, Consumer<EditJobCommand.Builder> changes) {
        return edit(id, Long.valueOf(revision), changes);
    }

    private Job edit(JobId id, Long revision, Consumer<EditJobCommand.Builder> changes) {
        Objects.requireNonNull(changes, "changes");
        EditJobCommand.Builder edit = EditJobCommand.of(id, actor);
        changes.accept(edit);
        return useCases.edit().edit(edit.ifRevision(revision).build());
    }

    /** The newest 20 definitions of the job, newest first: revision 1 as created, then one per edit. */
    public List<JobRevision> revisions(JobId id) {
        return useCases.revisions().revisions(HistoryQuery.of(id, null));
    }

    /** Why the job will or will not fire next: a sentence, and one reason per cause. */
    public Explanation explain(JobId id) {
        return useCases.explain().explain(id);
    }

    /** Resumes a paused job. A failed job refuses ({@code force_required}): see {@link #forceResume}. */
    public Job resume(JobId id) {
        return resume(id, null);
    }

    /** As {@link #resume(JobId)}, with a reason for the audit trail. */
    public Job resume(JobId id, String reason) {
        return useCases.resume().resume(new ResumeJobCommand(id, false, reason, actor));
    }

    /**
     * Revives a job on purpose, also one whose breaker tripped: its error count is reset and it runs
     * again from now. The audit entry keeps {@code reason} and what the revival cleared.
     */
    public Job forceResume(JobId id, String reason) {
        return useCases.resume().resume(new ResumeJobCommand(id, true, reason, actor));
    }

    /**
     * Resumes every job {@code filter} matches, each on its own as {@link #resume} (or, with
     * {@code force}, {@link #forceResume}) would, audited with {@code reason} and a detail naming the
     * bulk resume. Jobs that refuse are listed in the answer with their code, not thrown.
     *
     * <pre>{@code
     * BulkResume done = jobs.resumeAll(ResumeFilter.incident(incidentId).andStatus(JobStatus.FAILED), true,
     *         "the upstream certificate was renewed");
     * }</pre>
     */
    public BulkResume resumeAll(ResumeFilter filter, boolean force, String reason) {
        return useCases.resumeAll().resumeAll(new ResumeJobsCommand(filter, force, reason, false, actor));
    }

    /** What {@link #resumeAll} would do, changing nothing: the jobs as they would be, and the refusals. */
    public BulkResume previewResumeAll(ResumeFilter filter, boolean force) {
        return useCases.resumeAll().resumeAll(new ResumeJobsCommand(filter, force, null, true, actor));
    }

    /** The incidents (failures sharing a cause), open ones first, each with the jobs failing alike now. */
    public List<IncidentView> incidents() {
        return useCases.incidents().incidents(false);
    }

    /** Deletes the job; its audit trail stays readable. */
    public void delete(JobId id) {
        useCases.delete().delete(new DeleteJobCommand(id, actor));
    }

    /** Runs an active job now, in the calling thread (on a worker when started), and records the outcome. */
    public ManualRun runNow(JobId id) {
        return useCases.runNow().runNow(new RunJobNowCommand(id, actor));
    }

    /** The newest 20 audit entries of the job, newest first; also for a deleted job. */
    public List<AuditEntry> audit(JobId id) {
        return useCases.audit().audit(HistoryQuery.of(id, null));
    }

    /** The newest {@code limit} (at most 100) audit entries of the job, newest first. */
    public List<AuditEntry> audit(JobId id, int limit) {
        return useCases.audit().audit(new HistoryQuery(id, limit));
    }

    /** The newest 20 runs of the job, newest first. */
    public List<RunRecord> runs(JobId id) {
        return useCases.runs().runs(HistoryQuery.of(id, null));
    }

    /** The newest {@code limit} (at most 100) runs of the job, newest first. */
    public List<RunRecord> runs(JobId id, int limit) {
        return useCases.runs().runs(new HistoryQuery(id, limit));
    }
}
