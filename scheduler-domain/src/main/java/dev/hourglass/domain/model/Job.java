package dev.hourglass.domain.model;

import dev.hourglass.domain.schedule.Schedule;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A scheduled job. Immutable: every change returns a new {@code Job}; the store persists it
 * under a version check, so two writers can never silently overwrite each other.
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

    /** Enters {@code active}: the next run is recomputed from now and the error count starts over. */
    public Job activated(Instant now) {
        Instant next = enabled ? schedule.activationFire(now).orElse(null) : null;
        return new Job(id, name, description, enabled, schedule, task, JobStatus.ACTIVE, lastRun, next,
                runCount, 0, deleteAfterRun, createdAt, now, createdBy, version, claim);
    }

    public Job paused(Instant now) {
        return withStatus(JobStatus.PAUSED, null, consecutiveErrors, now);
    }

    public Job withStatus(JobStatus newStatus, Instant newNextRunAt, int errors, Instant now) {
        return new Job(id, name, description, enabled, schedule, task, newStatus, lastRun, newNextRunAt,
                runCount, errors, deleteAfterRun, createdAt, now, createdBy, version, claim);
    }

    public Job withNextRunAt(Instant newNextRunAt, Instant now) {
        return withStatus(status, newNextRunAt, consecutiveErrors, now);
    }

    public Job withClaim(Claim newClaim, Instant now) {
        return new Job(id, name, description, enabled, schedule, task, status, lastRun, nextRunAt,
                runCount, consecutiveErrors, deleteAfterRun, createdAt, now, createdBy, version, newClaim);
    }

    /** Records that a run ended: its fields and the run count, the claim released. Status stays. */
    public Job withRunRecorded(LastRun run, boolean countsAsRun, Instant now) {
        return new Job(id, name, description, enabled, schedule, task, status, run, nextRunAt,
                countsAsRun ? runCount + 1 : runCount, consecutiveErrors, deleteAfterRun, createdAt, now,
                createdBy, version, null);
    }

    public Job withVersion(long newVersion) {
        return new Job(id, name, description, enabled, schedule, task, status, lastRun, nextRunAt,
                runCount, consecutiveErrors, deleteAfterRun, createdAt, updatedAt, createdBy, newVersion,
                claim);
    }
}
