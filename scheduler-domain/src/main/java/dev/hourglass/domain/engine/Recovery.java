package dev.hourglass.domain.engine;

import dev.hourglass.domain.model.Actor;
import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.policy.Backoff;
import dev.hourglass.domain.policy.OutcomePolicy;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.domain.port.out.Metrics;
import dev.hourglass.domain.port.out.SchedulerStore;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What the engine puts right after a stop, a crash or a dead instance, and its daily clean-up. */
final class Recovery {

    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());
    /** Missed fires are spread out this far apart, in their old order, so a restart is no stampede. */
    static final Duration MISSED_RUN_SPACING = Duration.ofSeconds(5);
    /** A fire later than this at start is missed; a smaller delay is ordinary dispatch. */
    static final Duration LATE_TOLERANCE = Duration.ofSeconds(1);
    /** Failed and completed jobs untouched for this long are removed. */
    static final Duration TERMINAL_RETENTION = Duration.ofDays(30);
    /** Each job's newest audit entries kept whatever their age. */
    static final int AUDIT_KEPT_PER_JOB = 100;

    private final SchedulerStore store;
    private final OutcomePolicy policy;
    private final Supplier<String> ids;
    private final InstanceId self;
    private final EngineSettings settings;
    private final Metrics metrics;

    Recovery(SchedulerStore store, OutcomePolicy policy, Supplier<String> ids, InstanceId self,
            EngineSettings settings) {
        this(store, policy, ids, self, settings, Metrics.NONE);
    }

    Recovery(SchedulerStore store, OutcomePolicy policy, Supplier<String> ids, InstanceId self,
            EngineSettings settings, Metrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.policy = policy;
        this.ids = ids;
        this.self = self;
        this.settings = settings;
    }

    /**
     * Takes over the claims of dead instances: each cut run is recorded interrupted and keeps its run
     * id, now claimed by this instance. Returns the jobs to fire again.
     */
    List<Job> takeOverOrphans(Instant now) {
        List<JobWrite.Save> writes = store.orphanedClaims(now, settings.lease()).stream()
                .map(job -> policy.takeOver(job, self, now))
                .toList();
        if (writes.isEmpty()) {
            return List.of();
        }
        List<JobWrite.Save> applied = store.apply(writes).among(writes);
        applied.stream().filter(save -> save.run() != null)
                .forEach(save -> metrics.runRecorded(RunStatus.INTERRUPTED, Duration.ZERO));
        return applied.stream().map(JobWrite.Save::job).toList();
    }

    /**
     * Re-plans fires missed while no instance ran: from now, in their old order, 5 s apart, but
     * never spread over more than the catch-up window. A fire late by less than a second is not missed.
     */
    int replanMissed(Instant now) {
        List<Job> missed = store.due(now.minus(LATE_TOLERANCE), Integer.MAX_VALUE);
        Duration spacing = spacing(missed.size(), settings.catchUpWindow());
        List<JobWrite> writes = new ArrayList<>(missed.size());
        for (int i = 0; i < missed.size(); i++) {
            Job job = missed.get(i);
            writes.add(JobWrite.save(job, job.replanTo(now.plus(spacing.multipliedBy(i)), now), List.of()));
        }
        return writes.isEmpty() ? 0 : store.apply(writes).count();
    }

    /** 5 s apart, or closer when {@code count} fires at that spacing would not fit in {@code window}. */
    static Duration spacing(int count, Duration window) {
        if (count <= 1) {
            return MISSED_RUN_SPACING;
        }
        Duration even = window.dividedBy(count - 1);
        return even.compareTo(MISSED_RUN_SPACING) < 0 ? even : MISSED_RUN_SPACING;
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
                writes.add(JobWrite.save(job, job.replanTo(fromNow, now), List.of()));
            }
        }
        return writes.isEmpty() ? 0 : store.apply(writes).count();
    }

    /**
     * Removes failed and completed jobs not updated for {@link #TERMINAL_RETENTION} (audited as
     * deletes) and audit entries past the retention. Skipped when {@code now} reads earlier than
     * the newest change in the store: a clock that is behind would judge every job too young, one
     * that is wrong the other way would be caught by the engine's jump check.
     */
    void sweep(Instant now) {
        Optional<Instant> newest = store.newestUpdate();
        if (newest.isPresent() && now.isBefore(newest.get())) {
            LOG.log(Level.WARNING, "not sweeping: the clock reads {0}, earlier than the newest change in the store "
                    + "({1}); is the clock right?", now, newest.get());
            return;
        }
        Instant cutoff = now.minus(TERMINAL_RETENTION);
        List<JobWrite> removals = store.list(Optional.empty()).stream()
                .filter(job -> job.status().isTerminal() && job.updatedAt().isBefore(cutoff))
                .<JobWrite>map(job -> JobWrite.remove(job, List.of(AuditEntry.of(ids.get(), job, AuditAction.DELETE,
                        job.status(), null, Actor.SCHEDULER, "removed: " + job.status().wireName()
                                + " and unchanged for over " + TERMINAL_RETENTION.toDays() + " days", now))))
                .toList();
        int swept = removals.isEmpty() ? 0 : store.apply(removals).count();
        int trimmed = store.trimAudit(now.minus(settings.auditRetention()), AUDIT_KEPT_PER_JOB);
        if (swept > 0 || trimmed > 0) {
            LOG.log(Level.INFO, "removed {0} failed or completed job(s) unchanged for over 30 days and {1} audit "
                    + "entr(ies) older than {2}", swept, trimmed, settings.auditRetention());
        }
    }
}
