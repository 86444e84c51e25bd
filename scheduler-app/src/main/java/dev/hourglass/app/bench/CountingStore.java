package dev.hourglass.app.bench;

import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.port.out.Applied;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.SchedulerStore;
import dev.hourglass.domain.testing.ForwardingStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real store, counting the jobs whose completion it has committed: the benchmark learns that
 * every outcome is durable without polling the database, which would compete with the engine.
 */
final class CountingStore extends ForwardingStore {

    private final AtomicInteger completed = new AtomicInteger();

    CountingStore(SchedulerStore store) {
        super(store);
    }

    int completed() {
        return completed.get();
    }

    @Override
    public Applied apply(List<? extends JobWrite> writes) {
        Applied applied = super.apply(writes);
        int done = 0;
        for (JobWrite write : applied.writes()) {
            if (write instanceof JobWrite.Save save && save.job().status() == JobStatus.COMPLETED) {
                done++;
            }
        }
        completed.addAndGet(done);
        return applied;
    }
}
