package dev.hourglass.domain.engine;

import dev.hourglass.domain.model.Actor;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.policy.Backoff;
import dev.hourglass.domain.policy.OutcomePolicy;
import dev.hourglass.domain.port.out.JobStore;
import dev.hourglass.domain.port.out.JobWrite;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What the engine puts right when it starts after a stop or a crash, and its daily clean-up. */
final class Recovery {

    /** Missed fires are spread out this far apart, in their old order, so a restart is no stampede. */
    static final Duration MISSED_RUN_SPACING = Duration.ofSeconds(5);
    /** Failed and completed jobs untouched for this long are removed. */
    static final Duration TERMINAL_RETENTION = Duration.ofDays(30);

    private final JobStore store;
    private final OutcomePolicy policy;
    private final Supplier<String> ids;

    Recovery(JobStore store, OutcomePolicy policy, Supplier<String> ids) {
        this.store = store;
        this.policy = policy;
        this.ids = ids;
    }

    /**
     * Marks every run that was claimed but never recorded as interrupted, keeping its claim so that
     * it fires again with the same run id. Returns the jobs to fire again.
     */
    List<Job> interruptedRuns(Instant now) {
        List<JobWrite.Save> writes = store.running().stream().map(job -> policy.interrupted(job, now)).toList();
        List<Boolean> applied = store.apply(List.copyOf(writes));
        List<Job> refire = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            if (applied.get(i)) {
                refire.add(writes.get(i).job());
            }
        }
        return refire;
    }

    /** Re-plans fires missed while the process was down: 5 s apart from now, earliest first. */
    int replanMissed(Instant now) {
        List<Job> missed = store.due(now, Integer.MAX_VALUE).stream()
                .filter(job -> job.nextRunAt().isBefore(now))
                .toList();
        List<JobWrite> writes = new ArrayList<>();
        for (int i = 0; i < missed.size(); i++) {
            Job job = missed.get(i);
            writes.add(JobWrite.save(job, job.withNextRunAt(now.plus(MISSED_RUN_SPACING.multipliedBy(i)), now), List.of()));
        }
        return (int) store.apply(writes).stream().filter(Boolean::booleanValue).count();
    }

    /**
     * After the clock went back: a fire that now lies further out than the schedule would plan from
     * now (its next fire, or for a failing job its backoff) is re-planned to that, so nothing stalls
     * for as long as the clock went back. A one-shot keeps its instant.
     */
    int replanFromNow(Instant now) {
        List<JobWrite> writes = new ArrayList<>();
        for (Job job : store.list(Optional.of(JobStatus.ACTIVE))) {
            if (job.isRunning() || job.nextRunAt() == null) {
                continue;
            }
            Instant fromNow = job.consecutiveErrors() > 0
                    ? job.schedule().retryAt(now.plus(Backoff.after(job.consecutiveErrors())), now)
                    : job.schedule().activationFire(now).orElse(null);
            if (fromNow != null && job.nextRunAt().isAfter(fromNow)) {
                writes.add(JobWrite.save(job, job.withNextRunAt(fromNow, now), List.of()));
            }
        }
        return (int) store.apply(writes).stream().filter(Boolean::booleanValue).count();
    }

    /** Removes failed and completed jobs not updated for {@link #TERMINAL_RETENTION}; audited as deletes. */
    int sweepTerminal(Instant now) {
        Instant cutoff = now.minus(TERMINAL_RETENTION);
        List<JobWrite> removals = store.list(Optional.empty()).stream()
                .filter(job -> job.status().isTerminal() && job.updatedAt().isBefore(cutoff))
                .<JobWrite>map(job -> JobWrite.remove(job, List.of(AuditEntry.of(ids.get(), job, AuditAction.DELETE,
                        job.status(), null, Actor.SCHEDULER, "removed: " + job.status().wireName()
                                + " and unchanged for over " + TERMINAL_RETENTION.toDays() + " days", now))))
                .toList();
        return (int) store.apply(removals).stream().filter(Boolean::booleanValue).count();
    }
}
