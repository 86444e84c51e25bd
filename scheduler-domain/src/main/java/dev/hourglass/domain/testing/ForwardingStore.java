package dev.hourglass.domain.testing;

import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.InstanceInfo;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobPage;
import dev.hourglass.domain.model.JobQuery;
import dev.hourglass.domain.model.JobSummary;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.port.out.Applied;
import dev.hourglass.domain.port.out.JobCreation;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.SchedulerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A store that hands every call to another: the base for test and benchmark decorators that count,
 * slow down or refuse some calls and pass the rest through.
 */
public abstract class ForwardingStore implements SchedulerStore {

    protected final SchedulerStore delegate;

    protected ForwardingStore(SchedulerStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void insert(Job job, AuditEntry created, int maxJobs) {
        delegate.insert(job, created, maxJobs);
    }

    @Override
    public void insertAll(List<JobCreation> jobs, int maxJobs) {
        delegate.insertAll(jobs, maxJobs);
    }

    @Override
    public Set<String> namesTaken(Collection<String> nameKeys) {
        return delegate.namesTaken(nameKeys);
    }

    @Override
    public Optional<Job> find(JobId id) {
        return delegate.find(id);
    }

    @Override
    public List<Job> list(Optional<JobStatus> status) {
        return delegate.list(status);
    }

    @Override
    public List<Job> due(Instant now, int limit) {
        return delegate.due(now, limit);
    }

    @Override
    public List<Job> claimDue(Instant dueBy, Instant now, int limit, InstanceId owner, Supplier<RunId> runIds) {
        return delegate.claimDue(dueBy, now, limit, owner, runIds);
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return delegate.nextDueAt();
    }

    @Override
    public JobPage page(JobQuery query) {
        return delegate.page(query);
    }

    @Override
    public JobSummary summarize() {
        return delegate.summarize();
    }

    @Override
    public List<Job> timedPauses() {
        return delegate.timedPauses();
    }

    @Override
    public List<Job> pendingProbes() {
        return delegate.pendingProbes();
    }

    @Override
    public List<Job> watched() {
        return delegate.watched();
    }

    @Override
    public List<dev.hourglass.domain.model.JobRevision> revisionsOf(JobId jobId, int limit) {
        return delegate.revisionsOf(jobId, limit);
    }

    @Override
    public List<Job> running() {
        return delegate.running();
    }

    @Override
    public List<Job> orphanedClaims(Instant now, Duration lease) {
        return delegate.orphanedClaims(now, lease);
    }

    @Override
    public Applied apply(List<? extends JobWrite> writes) {
        return delegate.apply(writes);
    }

    @Override
    public Optional<Instant> newestUpdate() {
        return delegate.newestUpdate();
    }

    @Override
    public boolean removeUnreadable(JobId id, AuditEntry deleted) {
        return delegate.removeUnreadable(id, deleted);
    }

    @Override
    public List<AuditEntry> entriesFor(JobId jobId, int limit) {
        return delegate.entriesFor(jobId, limit);
    }

    @Override
    public int trimAudit(Instant cutoff, int keepPerJob) {
        return delegate.trimAudit(cutoff, keepPerJob);
    }

    @Override
    public List<RunRecord> runsOf(JobId jobId, int limit) {
        return delegate.runsOf(jobId, limit);
    }

    @Override
    public void register(InstanceId id, String name, Instant now) {
        delegate.register(id, name, now);
    }

    @Override
    public boolean heartbeat(InstanceId id, Instant now, Duration lease) {
        return delegate.heartbeat(id, now, lease);
    }

    @Override
    public void deregister(InstanceId id, Instant now) {
        delegate.deregister(id, now);
    }

    @Override
    public List<InstanceInfo> instances(Instant now, Duration lease) {
        return delegate.instances(now, lease);
    }

    @Override
    public List<Alert> alertsDue(Instant now, int limit) {
        return delegate.alertsDue(now, limit);
    }

    @Override
    public void alertDelivered(String alertId) {
        delegate.alertDelivered(alertId);
    }

    @Override
    public void alertDeferred(String alertId, Instant nextAttemptAt, String error) {
        delegate.alertDeferred(alertId, nextAttemptAt, error);
    }

    @Override
    public Backlog alertBacklog() {
        return delegate.alertBacklog();
    }

    @Override
    public Optional<dev.hourglass.domain.model.Dependency> dependency(String key) {
        return delegate.dependency(key);
    }

    @Override
    public List<dev.hourglass.domain.model.Dependency> dependencies() {
        return delegate.dependencies();
    }

    @Override
    public List<Job> jobsOf(String key) {
        return delegate.jobsOf(key);
    }

    @Override
    public List<dev.hourglass.domain.model.DependencyUsage> dependencyUsage() {
        return delegate.dependencyUsage();
    }

    @Override
    public boolean apply(dev.hourglass.domain.port.out.DependencyChange change) {
        return delegate.apply(change);
    }
}
