package dev.hourglass.domain.engine;

import dev.hourglass.domain.model.Dependency;
import dev.hourglass.domain.model.DependencyState;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.policy.DependencyPolicy;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.SchedulerStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the engine watches of the dependency breakers (CONTRACT §11.1) besides run outcomes: the end
 * of an open period (the dependency turns half-open and its probe is chosen), a probe that can no
 * longer fire, and jobs that came to a dependency that holds. Each check is one version-checked
 * change per dependency; one that lost a race with another instance is looked at again next time.
 * Also the last look before a claimed run starts: a job its dependency held since the claim does
 * not fire, its claim is handed back and the fire waits.
 */
final class DependencyChecks {

    private final SchedulerStore store;
    private final DependencyPolicy policy;

    DependencyChecks(SchedulerStore store, DependencyPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /** Checks every dependency that holds; returns how many changed. */
    int check(Instant now) {
        int changed = 0;
        for (Dependency dependency : store.dependencies()) {
            if (!dependency.holds()) {
                continue;
            }
            Optional<dev.hourglass.domain.port.out.DependencyChange> change =
                    policy.check(dependency, store.jobsOf(dependency.key()), now);
            if (change.isPresent() && store.apply(change.get())) {
                changed++;
            }
        }
        return changed;
    }

    /** The earliest end of an open period, if any dependency is open. */
    Optional<Instant> next() {
        return store.dependencies().stream()
                .filter(dependency -> dependency.state() == DependencyState.OPEN)
                .map(Dependency::openUntil)
                .min(Instant::compareTo);
    }

    /**
     * Whether the claimed run of {@code claimed} must not start because its dependency holds the job
     * now (it opened after the claim): then the claim is handed back, the planned fire waiting for the
     * dependency to close. A run taken over from another instance keeps its claim and fires.
     */
    boolean heldBack(Job claimed, Instant now) {
        if (claimed.dependencyKey().isEmpty() || claimed.claim().epoch() > 1 || claimed.claim().isManual()) {
            return false;
        }
        Optional<Job> stored = store.find(claimed.id());
        if (stored.isEmpty() || !stored.get().heldByDependency()
                || !claimed.claim().isSameHolding(stored.get().claim())) {
            return false;
        }
        Job job = stored.get();
        return store.apply(JobWrite.save(job, job.releaseClaim(now), List.of()));
    }
}
