package dev.hourglass.domain.engine;

import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.SchedulerStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Automatic probes of failed jobs (CONTRACT §11.2): each probe that came due is claimed for this
 * instance like a fire, the job still failed, in one version-checked write, so that of several
 * instances looking at once exactly one runs it; the outcome policy then revives the job or plans
 * the next probe. An operator who changed the job first (a force resume, a delete) wins.
 */
final class Probes {

    private final SchedulerStore store;
    private final InstanceId self;
    private final Supplier<RunId> runIds;

    Probes(SchedulerStore store, InstanceId self, Supplier<RunId> runIds) {
        this.store = store;
        this.self = self;
        this.runIds = runIds;
    }

    /** Claims the probes due at {@code now}, earliest first; returns the claimed jobs as stored. */
    List<Job> claimDue(Instant now) {
        List<JobWrite.Save> claims = new ArrayList<>();
        for (Job job : store.pendingProbes()) {
            if (job.nextProbeAt().isAfter(now)) {
                break;
            }
            // A job its dependency holds does not fire, not even to probe (CONTRACT §11.1).
            if (!job.isRunning() && !job.heldByDependency()) {
                Claim claim = Claim.of(runIds.get(), job.nextProbeAt(), now, job.version() + 1, self);
                claims.add(JobWrite.save(job, job.claim(claim, now), List.of()));
            }
        }
        if (claims.isEmpty()) {
            return List.of();
        }
        return store.apply(claims).among(claims).stream().map(JobWrite.Save::job).toList();
    }

    /** The earliest pending probe that is not running, if any. */
    Optional<Instant> next() {
        return store.pendingProbes().stream().filter(job -> !job.isRunning() && !job.heldByDependency())
                .map(Job::nextProbeAt).findFirst();
    }
}
