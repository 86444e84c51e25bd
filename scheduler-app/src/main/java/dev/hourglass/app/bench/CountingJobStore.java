package dev.hourglass.app.bench;

import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.port.out.JobStore;
import dev.hourglass.domain.port.out.JobWrite;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real store, counting the jobs whose completion it has committed: the benchmark learns that
 * every outcome is durable without polling the database, which would compete with the engine.
 */
final class CountingJobStore implements JobStore {

    private final JobStore store;
    private final AtomicInteger completed = new AtomicInteger();

    CountingJobStore(JobStore store) {
        this.store = store;
    }

    int completed() {
        return completed.get();
    }

    @Override
    public List<Boolean> apply(List<JobWrite> writes) {
        List<Boolean> applied = store.apply(writes);
        int done = 0;
        for (int i = 0; i < writes.size(); i++) {
            if (applied.get(i) && writes.get(i) instanceof JobWrite.Save save
                    && save.job().status() == JobStatus.COMPLETED) {
                done++;
            }
        }
        completed.addAndGet(done);
        return applied;
    }

    @Override
    public void insert(Job job, AuditEntry created, int maxJobs) {
        store.insert(job, created, maxJobs);
    }

    @Override
    public Optional<Job> find(JobId id) {
        return store.find(id);
    }

    @Override
    public List<Job> list(Optional<JobStatus> status) {
        return store.list(status);
    }

    @Override
    public List<Job> due(Instant now, int limit) {
        return store.due(now, limit);
    }

    @Override
    public Optional<Instant> nextDueAt() {
        return store.nextDueAt();
    }

    @Override
    public List<Job> running() {
        return store.running();
    }
}
