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
 * under way), {@code pausedUntil} (set only on a paused job that resumes by itself),
 * {@code expectSuccessWithinMs} (no staleness watch when null), {@code lastSuccessAt} (the start of
 * the last successful run), {@code staleSince} (set while a stale episode is open), {@code dependency}
 * (the outside system it calls), {@code probe} (its opt-in to automatic probes) and
 * {@code pendingProbe} (set only on a failed job that probes) and {@code heldSince} (set while the
 * job's dependency holds it, CONTRACT §11.1: it does not fire then).
 *
 * <p>The definition ({@link #definition()}) changes only through {@link #redefine}, which counts the
 * {@code revision}; every other transition keeps it.
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
        Claim claim,
        long revision,
        Instant pausedUntil,
        Long expectSuccessWithinMs,
        Instant lastSuccessAt,
        Instant staleSince,
        String dependency,
        Probe probe,
        PendingProbe pendingProbe,
        Instant heldSince) {

    /** The smallest staleness window an operator may set. */
    public static final long MIN_EXPECT_SUCCESS_WITHIN_MS = 60_000;

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
        if (revision < 1) {
            throw new IllegalArgumentException("a job's revision starts at 1");
        }
        if (pausedUntil != null && status != JobStatus.PAUSED) {
            throw new IllegalArgumentException("only a paused job can be paused until an instant");
        }
        if (pendingProbe != null && (status != JobStatus.FAILED || probe == null)) {
            throw new IllegalArgumentException("only a failed job that opted in to probes has a probe pending");
        }
    }

    /** A job its dependency does not hold. */
    public Job(JobId id, String name, String description, boolean enabled, Schedule schedule, String task,
            JobStatus status, LastRun lastRun, Instant nextRunAt, long runCount, int consecutiveErrors,
            boolean deleteAfterRun, Instant createdAt, Instant updatedAt, String createdBy, long version, Claim claim,
            long revision, Instant pausedUntil, Long expectSuccessWithinMs, Instant lastSuccessAt, Instant staleSince,
            String dependency, Probe probe, PendingProbe pendingProbe) {
        this(id, name, description, enabled, schedule, task, status, lastRun, nextRunAt, runCount, consecutiveErrors,
                deleteAfterRun, createdAt, updatedAt, createdBy, version, claim, revision, pausedUntil,
                expectSuccessWithinMs, lastSuccessAt, staleSince, dependency, probe, pendingProbe, null);
    }

    /**
     * A new job as create stores it: version and revision 1, no runs, no pause, no stale episode.
     */
    public static Job created(JobId id, JobDefinition definition, Instant nextRunAt, Instant now, String createdBy) {
        return new Job(id, definition.name(), definition.description(), definition.enabled(), definition.schedule(),
                definition.task(), JobStatus.ACTIVE, null, nextRunAt, 0, 0, definition.deleteAfterRun(), now, now,
                createdBy, 1, null, 1, null, definition.expectSuccessWithinMs(), null, null, definition.dependency(),
                definition.probe(), null, null);
    }

    /** The key under which names are unique: case-insensitive, independent of the JVM locale. */
    public static String nameKey(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public String nameKey() {
        return nameKey(name);
    }

    /**
     * Whether {@code other} is the same job at the same revision: id, createdAt, createdBy, the
     * revision and every field of the {@link #definition()}. Only an edit changes these.
     */
    public boolean hasSameDefinition(Job other) {
        return id.equals(other.id) && definition().equals(other.definition()) && revision == other.revision
                && createdAt.equals(other.createdAt) && createdBy.equals(other.createdBy);
    }

    /** What an operator defines and may edit, as opposed to the state the engine and transitions change. */
    public JobDefinition definition() {
        return new JobDefinition(name, description, enabled, schedule, task, deleteAfterRun, expectSuccessWithinMs,
                dependency, probe);
    }

    /**
     * Whether the job is stale: active, watched, and in an open stale episode (the engine opens one
     * when {@link #staleAt()} has passed; the next successful run closes it).
     */
    public boolean isStale() {
        return status == JobStatus.ACTIVE && staleSince != null;
    }

    /**
     * When the job turns stale unless it succeeds before: its last success (or creation) plus
     * {@code expectSuccessWithinMs}; empty when nobody watches it.
     */
    public Optional<Instant> staleAt() {
        if (expectSuccessWithinMs == null) {
            return Optional.empty();
        }
        Instant since = lastSuccessAt == null ? createdAt : lastSuccessAt;
        return Optional.of(since.plusMillis(expectSuccessWithinMs));
    }

    /** Whether a stale episode should open at {@code now}: active, watched, none open, past {@link #staleAt()}. */
    public boolean turnsStaleBy(Instant now) {
        return status == JobStatus.ACTIVE && staleSince == null
                && staleAt().map(at -> !at.isAfter(now)).orElse(false);
    }

    /** The key of {@link #dependency()}, compared case-insensitively; empty when the job names none. */
    public Optional<String> dependencyKey() {
        return Optional.ofNullable(dependency).map(JobDefinition::dependencyKey);
    }

    /**
     * Whether the job's dependency holds it (CONTRACT §11.1): it does not fire, and its fires due
     * meanwhile wait for the dependency to close.
     */
    public boolean heldByDependency() {
        return heldSince != null;
    }

    /** When the next automatic probe fires; null unless the job is failed and probes. */
    public Instant nextProbeAt() {
        return pendingProbe == null ? null : pendingProbe.at();
    }

    /** Whether the claimed run is a probe: a run of a job that its breaker had failed. */
    public boolean isProbing() {
        return claim != null && status == JobStatus.FAILED;
    }

    /**
     * What a revival of this failed job clears, for its audit entry: the error count and the last
     * error, so the audit shows what was overridden.
     */
    public String clearedByRevival() {
        String error = lastError();
        return "cleared " + consecutiveErrors + " consecutive errors; last error: " + (error == null ? "none" : error);
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
                .errors(0).pausedUntil(null).pendingProbe(null).done();
    }

    public Job pause(Instant now) {
        return pause(null, now);
    }

    /** Enters {@code paused}; with {@code until}, the engine resumes the job at that instant. */
    public Job pause(Instant until, Instant now) {
        return change(now).status(JobStatus.PAUSED).next(null).pausedUntil(until).done();
    }

    /**
     * An accepted edit: the definition becomes {@code changed} (its schedule already anchored) and
     * the revision grows by one; status, counters and history stay. A new schedule or a job enabled
     * again plans its next fire from now when active; a disabled job has none. When a run is under
     * way and no operator changed the job since its claim, the claim moves along with this version,
     * so the run's outcome is still decided, against the new definition; a stale episode stays open
     * only while the new watch still finds the job stale.
     */
    public Job redefine(JobDefinition changed, Instant now) {
        Draft draft = change(now).definition(changed).revision(revision + 1);
        boolean replan = !changed.schedule().equals(schedule) || changed.enabled() != enabled;
        if (status == JobStatus.ACTIVE && (replan || !changed.enabled())) {
            draft.next(changed.enabled() ? changed.schedule().activationFire(now).orElse(null) : null);
        }
        if (claim != null && claim.version() == version) {
            draft.claim(claim.atVersion(version + 1));
        }
        if (status == JobStatus.FAILED && !Objects.equals(changed.probe(), probe)) {
            draft.pendingProbe(changed.probe() == null ? null : PendingProbe.first(changed.probe(), now));
        }
        Instant since = lastSuccessAt == null ? createdAt : lastSuccessAt;
        boolean stillStale = changed.expectSuccessWithinMs() != null
                && !since.plusMillis(changed.expectSuccessWithinMs()).isAfter(now);
        if (!stillStale) {
            draft.staleSince(null);
        }
        if (!changed.dependencyKey().equals(dependencyKey())) {
            // Held by the dependency it no longer names; the new one's breaker holds it if need be.
            draft.heldSince(null);
        }
        return draft.done();
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
        Draft draft = change(now).lastRun(run).runCount(countsAsRun ? runCount + 1 : runCount).claim(null);
        if (run.status() == RunStatus.OK) {
            draft.lastSuccessAt(run.startedAt()).staleSince(null);
        }
        return draft.done();
    }

    /** No success within {@code expectSuccessWithinMs}: a stale episode opens at {@code now}. */
    public Job markStale(Instant now) {
        return change(now).staleSince(now).done();
    }

    /** Another instance takes over the claimed run of a dead owner: the run is marked interrupted, the claim moves. */
    public Job takeOver(Claim newClaim, LastRun interrupted, Instant now) {
        return change(now).lastRun(interrupted).claim(newClaim).done();
    }

    /** A successful run: the error count starts over and the job fires next at {@code next}. */
    public Job continueAt(Instant next, Instant now) {
        return change(now).status(JobStatus.ACTIVE).next(fireable(next)).errors(0).pendingProbe(null).done();
    }

    /** A failed run below the breaker's limit: retried at {@code retry}, with {@code errors} in a row. */
    public Job retryAt(Instant retry, int errors, Instant now) {
        return change(now).status(JobStatus.ACTIVE).next(fireable(retry)).errors(errors).pendingProbe(null).done();
    }

    /**
     * Too many errors in a row: the circuit breaker trips and the job waits for an operator, or for
     * its first automatic probe when it opted in to them.
     */
    public Job tripBreaker(int errors, Instant now) {
        return change(now).status(JobStatus.FAILED).next(null).errors(errors)
                .pendingProbe(probe == null ? null : PendingProbe.first(probe, now)).done();
    }

    /** A probe run failed: the job stays failed, one more error, and the next probe waits twice as long. */
    public Job probeFailed(int errors, Instant now) {
        PendingProbe last = pendingProbe == null ? PendingProbe.first(probe, now) : pendingProbe;
        return change(now).errors(errors).pendingProbe(last.next(now)).done();
    }

    /**
     * The job's dependency opened (or stays open): it is held from {@code now} on (or still since it
     * was), its status, next run and counters kept. A run under way keeps its say over its outcome,
     * as with an edit.
     */
    public Job hold(Instant now) {
        return movingClaim(change(now).heldSince(heldSince == null ? now : heldSince)).done();
    }

    /**
     * The job's dependency closed, or lets it fire as the probe: it is no longer held, and fires
     * next at {@code next} when that is given (a fire that came due while held, released at its turn),
     * else as it was planned. A run under way keeps its say over its outcome.
     */
    public Job release(Instant next, Instant now) {
        Draft draft = movingClaim(change(now).heldSince(null));
        if (next != null && nextRunAt != null) {
            draft.next(next);
        }
        return draft.done();
    }

    private Draft movingClaim(Draft draft) {
        if (claim != null && claim.version() == version) {
            draft.claim(claim.atVersion(version + 1));
        }
        return draft;
    }

    /** The schedule has no fire left (or the job runs once): the job is done for good. */
    public Job complete(Instant now) {
        return change(now).status(JobStatus.COMPLETED).next(null).errors(0).pendingProbe(null).done();
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
        private JobDefinition definition;
        private long revision;
        private Instant pausedUntil;
        private Instant lastSuccessAt;
        private Instant staleSince;
        private PendingProbe pendingProbe;
        private Instant heldSince;

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
            this.definition = from.definition();
            this.revision = from.revision;
            this.pausedUntil = from.pausedUntil;
            this.lastSuccessAt = from.lastSuccessAt;
            this.staleSince = from.staleSince;
            this.pendingProbe = from.pendingProbe;
            this.heldSince = from.heldSince;
        }

        Draft heldSince(Instant value) {
            heldSince = value;
            return this;
        }

        Draft pendingProbe(PendingProbe value) {
            pendingProbe = value;
            return this;
        }

        Draft definition(JobDefinition value) {
            definition = value;
            return this;
        }

        Draft revision(long value) {
            revision = value;
            return this;
        }

        Draft pausedUntil(Instant value) {
            pausedUntil = value;
            return this;
        }

        Draft lastSuccessAt(Instant value) {
            lastSuccessAt = value;
            return this;
        }

        Draft staleSince(Instant value) {
            staleSince = value;
            return this;
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
            JobDefinition d = definition;
            return new Job(from.id, d.name(), d.description(), d.enabled(), d.schedule(), d.task(), status,
                    lastRun, nextRunAt, runCount, errors, d.deleteAfterRun(), from.createdAt, updatedAt,
                    from.createdBy, version, claim, revision, pausedUntil, d.expectSuccessWithinMs(), lastSuccessAt,
                    staleSince, d.dependency(), d.probe(), pendingProbe, heldSince);
        }
    }
}
