package dev.hourglass.domain.model;

import dev.hourglass.domain.schedule.Schedule;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A scheduled job. Immutable: every change returns a new {@code Job} through a transition named
 * for what happened ({@link #pause}, {@link #tripBreaker}, {@link #complete}, ...); which
 * transition may happen in which status is decided by {@code policy.Lifecycle}, never here. The
 * store persists a job under a version check, so two writers can never silently overwrite each other.
 *
 * <p>Nullable components: {@code description}, {@code lastRun}, {@code nextRunAt} (null exactly when
 * the job cannot fire: not active, disabled, or no future fire), {@code claim} (null unless a run is
 * under way).
 */
public record Job(
        JobId id,
        String name,
        String description,
        boolean enabled,
        Schedule schedule,
        String task,
        JobStatus status,
        LastRun lastRun,
        Instant nextRunAt,
        long runCount,
        int consecutiveErrors,
        boolean deleteAfterRun,
        Instant createdAt,
        Instant updatedAt,
        String createdBy,
        long version,
        Claim claim) {

    public Job {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(createdBy, "createdBy");
        if (runCount < 0 || consecutiveErrors < 0) {
            throw new IllegalArgumentException("counters must not be negative");
        }
        if (nextRunAt != null && (status != JobStatus.ACTIVE || !enabled)) {
            throw new IllegalArgumentException("only an enabled active job has a next run");
        }
    }

    /** The key under which names are unique: case-insensitive, independent of the JVM locale. */
    public static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public String nameKey() {
        return nameKey(name);
    }

    /**
     * Whether {@code other} is the same job as defined at creation: id, name, description, enabled,
     * schedule, task, deleteAfterRun, createdAt and createdBy. Only a job's state changes afterwards.
     */
    public boolean hasSameDefinition(Job other) {
        return id.equals(other.id) && name.equals(other.name) && Objects.equals(description, other.description)
                && enabled == other.enabled && schedule.equals(other.schedule) && task.equals(other.task)
                && deleteAfterRun == other.deleteAfterRun && createdAt.equals(other.createdAt)
                && createdBy.equals(other.createdBy);
    }

    public boolean isRunning() {
        return claim != null;
    }

    public Optional<Instant> nextRun() {
        return Optional.ofNullable(nextRunAt);
    }

    /** The last run's error, or null. */
    public String lastError() {
        return lastRun == null ? null : lastRun.error();
    }

    // ---- operator transitions

    /** Enters {@code active}: the next run is recomputed from now and the error count starts over. */
    public Job activate(Instant now) {
        return change(now).status(JobStatus.ACTIVE).next(fireable(schedule.activationFire(now).orElse(null)))
                .errors(0).done();
    }

    public Job pause(Instant now) {
        return change(now).status(JobStatus.PAUSED).next(null).done();
    }

    // ---- engine transitions

    /** A run of this job is under way: it will not fire again until the claim is released. */
    public Job claim(Claim newClaim, Instant now) {
        Objects.requireNonNull(newClaim, "newClaim");
        return change(now).claim(newClaim).done();
    }

    /** The claimed run never started (the engine stopped first): the job is due again as it was. */
    public Job releaseClaim(Instant now) {
        return change(now).claim(null).done();
    }

    /** Records that a run ended: its fields and, if it counts, the run count; the claim is released. Status stays. */
    public Job recordRun(LastRun run, boolean countsAsRun, Instant now) {
        return change(now).lastRun(run).runCount(countsAsRun ? runCount + 1 : runCount).claim(null).done();
    }

    /** Another instance takes over the claimed run of a dead owner: the run is marked interrupted, the claim moves. */
    public Job takeOver(Claim newClaim, LastRun interrupted, Instant now) {
        return change(now).lastRun(interrupted).claim(newClaim).done();
    }

    /** A successful run: the error count starts over and the job fires next at {@code next}. */
    public Job continueAt(Instant next, Instant now) {
        return change(now).status(JobStatus.ACTIVE).next(fireable(next)).errors(0).done();
    }

    /** A failed run below the breaker's limit: retried at {@code retry}, with {@code errors} in a row. */
    public Job retryAt(Instant retry, int errors, Instant now) {
        return change(now).status(JobStatus.ACTIVE).next(fireable(retry)).errors(errors).done();
    }

    /** Too many errors in a row: the circuit breaker trips and the job waits for an operator. */
    public Job tripBreaker(int errors, Instant now) {
        return change(now).status(JobStatus.FAILED).next(null).errors(errors).done();
    }

    /** The schedule has no fire left (or the job runs once): the job is done for good. */
    public Job complete(Instant now) {
        return change(now).status(JobStatus.COMPLETED).next(null).errors(0).done();
    }

    /** The next fire moves (start-up catch-up, a clock jump); status and counters stay. */
    public Job replanTo(Instant next, Instant now) {
        return change(now).next(fireable(next)).done();
    }

    /** The same job at another stored version; only stores and writes set it. */
    public Job withVersion(long newVersion) {
        return new Draft(this, updatedAt).version(newVersion).done();
    }

    private Instant fireable(Instant next) {
        return enabled ? next : null;
    }

    private Draft change(Instant now) {
        return new Draft(this, now);
    }

    /** One copy of the job with some state changed: the only place that calls the canonical constructor twice. */
    private static final class Draft {

        private final Job from;
        private final Instant updatedAt;
        private JobStatus status;
        private LastRun lastRun;
        private Instant nextRunAt;
        private long runCount;
        private int errors;
        private long version;
        private Claim claim;

        Draft(Job from, Instant updatedAt) {
            this.from = from;
            this.updatedAt = updatedAt;
            this.status = from.status;
            this.lastRun = from.lastRun;
            this.nextRunAt = from.nextRunAt;
            this.runCount = from.runCount;
            this.errors = from.consecutiveErrors;
            this.version = from.version;
            this.claim = from.claim;
        }

        Draft status(JobStatus value) {
            status = value;
            return this;
        }

        Draft lastRun(LastRun value) {
            lastRun = value;
            return this;
        }

        Draft next(Instant value) {
            nextRunAt = value;
            return this;
        }

        Draft runCount(long value) {
            runCount = value;
            return this;
        }

        Draft errors(int value) {
            errors = value;
            return this;
        }

        Draft version(long value) {
            version = value;
            return this;
        }

        Draft claim(Claim value) {
            claim = value;
            return this;
        }

        Job done() {
            return new Job(from.id, from.name, from.description, from.enabled, from.schedule, from.task, status,
                    lastRun, nextRunAt, runCount, errors, from.deleteAfterRun, from.createdAt, updatedAt,
                    from.createdBy, version, claim);
        }
    }
}
