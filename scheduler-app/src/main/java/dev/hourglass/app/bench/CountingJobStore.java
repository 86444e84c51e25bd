package dev.hourglass.app.bench;

import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.port.out.ForwardingJobStore;
import dev.hourglass.domain.port.out.JobStore;
import dev.hourglass.domain.port.out.JobWrite;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real store, counting the jobs whose completion it has committed: the benchmark learns that
 * every outcome is durable without polling the database, which would compete with the engine.
 */
final class CountingJobStore extends ForwardingJobStore {

    private final AtomicInteger completed = new AtomicInteger();

    CountingJobStore(JobStore store) {
        super(store);
    }

    int completed() {
        return completed.get();
    }

    @Override
    public List<Boolean> apply(List<JobWrite> writes) {
        List<Boolean> applied = super.apply(writes);
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
}
