package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link JobStore} that hands every call to another one: the base of decorators that watch or
 * change one kind of call (counting committed writes, injecting a failure) and leave the rest alone.
 */
public abstract class ForwardingJobStore implements JobStore {

    private final JobStore delegate;

    protected ForwardingJobStore(JobStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void insert(Job job, AuditEntry created, int maxJobs) {
        delegate.insert(job, created, maxJobs);
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
    public Optional<Instant> nextDueAt() {
        return delegate.nextDueAt();
    }

    @Override
    public List<Job> running() {
        return delegate.running();
    }

    @Override
    public List<Boolean> apply(List<JobWrite> writes) {
        return delegate.apply(writes);
    }
}
