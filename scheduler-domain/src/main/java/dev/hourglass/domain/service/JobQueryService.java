package dev.hourglass.domain.service;

import dev.hourglass.domain.error.JobNotFoundException;
import dev.hourglass.domain.error.UnusableScheduleException;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Instants;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobPage;
import dev.hourglass.domain.model.JobQuery;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.JobRevision;
import dev.hourglass.domain.model.JobSummary;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.InstanceInfo;
import dev.hourglass.domain.model.Explanation;
import dev.hourglass.domain.port.in.ExplainJobUseCase;
import dev.hourglass.domain.port.in.GetJobUseCase;
import dev.hourglass.domain.port.in.HistoryQuery;
import dev.hourglass.domain.port.in.JobListing;
import dev.hourglass.domain.port.in.ListJobsUseCase;
import dev.hourglass.domain.port.in.PreviewScheduleCommand;
import dev.hourglass.domain.port.in.PreviewScheduleUseCase;
import dev.hourglass.domain.port.in.ReadAuditUseCase;
import dev.hourglass.domain.port.in.ReadRevisionsUseCase;
import dev.hourglass.domain.port.in.ReadRunsUseCase;
import dev.hourglass.domain.port.in.SchedulePreview;
import dev.hourglass.domain.port.in.SummarizeJobsUseCase;
import dev.hourglass.domain.model.Dependency;
import dev.hourglass.domain.port.out.AuditLog;
import dev.hourglass.domain.port.out.Dependencies;
import dev.hourglass.domain.port.out.Instances;
import dev.hourglass.domain.port.out.JobStore;
import dev.hourglass.domain.port.out.Revisions;
import dev.hourglass.domain.port.out.RunHistory;
import dev.hourglass.domain.schedule.Schedule;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Everything an operator can read: jobs, the summary, audit trails, run history, schedule previews. */
public final class JobQueryService implements GetJobUseCase, ListJobsUseCase, SummarizeJobsUseCase, ReadAuditUseCase,
        ReadRunsUseCase, PreviewScheduleUseCase, ReadRevisionsUseCase, ExplainJobUseCase {

    /** How far back the audit is searched for the pause that an explanation names. */
    private static final int PAUSE_SEARCH_DEPTH = 100;
    /** Instance names are looked up among the instances the store lists; their liveness does not matter here. */
    private static final java.time.Duration ANY_LEASE = java.time.Duration.ofSeconds(10);

    private final JobStore store;
    private final AuditLog auditLog;
    private final RunHistory runHistory;
    private final Revisions revisions;
    private final Instances instances;
    private final Clock clock;
    private final ZoneId defaultZone;
    private final Dependencies dependencies;

    public JobQueryService(JobStore store, AuditLog auditLog, RunHistory runHistory, Revisions revisions,
            Instances instances, Clock clock, ZoneId defaultZone) {
        this(store, auditLog, runHistory, revisions, instances, clock, defaultZone, null);
    }

    /**
     * As the other constructor, with the dependency breakers in {@code dependencies} (null: none)
     * counted in the summary and named in explanations.
     */
    public JobQueryService(JobStore store, AuditLog auditLog, RunHistory runHistory, Revisions revisions,
            Instances instances, Clock clock, ZoneId defaultZone, Dependencies dependencies) {
        this.dependencies = dependencies;
        this.store = Objects.requireNonNull(store, "store");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.runHistory = Objects.requireNonNull(runHistory, "runHistory");
        this.revisions = Objects.requireNonNull(revisions, "revisions");
        this.instances = Objects.requireNonNull(instances, "instances");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
    }

    @Override
    public Job get(JobId id) {
        return store.find(id).orElseThrow(() -> new JobNotFoundException(id.value()));
    }

    @Override
    public JobListing list(JobQuery query) {
        JobPage page = store.page(query);
        return new JobListing(withDependencies(store.summarize()), page.jobs(), page.nextCursor());
    }

    @Override
    public JobSummary summarize() {
        return withDependencies(store.summarize());
    }

    private JobSummary withDependencies(JobSummary summary) {
        return dependencies == null ? summary : summary.withOpenDependencies(DependencyService.holding(dependencies));
    }

    @Override
    public List<AuditEntry> audit(HistoryQuery query) {
        return auditLog.entriesFor(query.jobId(), query.limit());
    }

    @Override
    public List<RunRecord> runs(HistoryQuery query) {
        get(query.jobId());
        return runHistory.runsOf(query.jobId(), query.limit());
    }

    @Override
    public List<JobRevision> revisions(HistoryQuery query) {
        get(query.jobId());
        return revisions.revisionsOf(query.jobId(), query.limit());
    }

    @Override
    public Explanation explain(JobId id) {
        Job job = get(id);
        Instant now = Instants.now(clock);
        AuditEntry lastPause = job.status() != JobStatus.PAUSED ? null
                : auditLog.entriesFor(id, PAUSE_SEARCH_DEPTH).stream()
                        .filter(entry -> entry.action() == AuditAction.PAUSE).findFirst().orElse(null);
        String runningOn = job.claim() == null ? null : instances.instances(now, ANY_LEASE).stream()
                .filter(instance -> instance.id().equals(job.claim().owner()))
                .map(InstanceInfo::name).findFirst().orElse(null);
        Dependency holding = dependencies == null || !job.heldByDependency() ? null
                : job.dependencyKey().flatMap(dependencies::dependency).filter(Dependency::holds).orElse(null);
        return Explanation.of(job, now, new Explanation.EngineView(lastPause, runningOn, holding));
    }

    @Override
    public SchedulePreview preview(PreviewScheduleCommand command) {
        Instant now = Instants.now(clock);
        Instant from = command.from() == null ? now : command.from();
        try {
            Schedule schedule = command.schedule().resolve(defaultZone);
            schedule.requireFutureFire(now);
            return SchedulePreview.usable(firesAfter(schedule, from, command.count()), schedule.describe());
        } catch (UnusableScheduleException e) {
            return SchedulePreview.unusable(e.getMessage());
        }
    }

    /**
     * The first {@code count} fires after {@code from}: the activation fire, then each next fire
     * planned from the one before. A revived one-shot's "now" is not after {@code from}, so a
     * one-shot whose instant has passed shows none.
     */
    private static List<Instant> firesAfter(Schedule schedule, Instant from, int count) {
        List<Instant> fires = new ArrayList<>(count);
        Optional<Instant> fire = schedule.activationFire(from).filter(first -> first.isAfter(from));
        while (fire.isPresent() && fires.size() < count) {
            Instant planned = fire.get();
            fires.add(planned);
            fire = schedule.nextFire(planned, planned).filter(next -> next.isAfter(planned));
        }
        return fires;
    }
}
