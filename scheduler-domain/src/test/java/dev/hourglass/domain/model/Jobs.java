package dev.hourglass.domain.model;

import dev.hourglass.domain.schedule.At;
import dev.hourglass.domain.schedule.Cron;
import dev.hourglass.domain.schedule.Every;
import dev.hourglass.domain.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Jobs for tests: enabled, active, never run, version 1, as {@code create} would store them.
 * Derive other states with the {@link Job} methods or the helpers below.
 */
public final class Jobs {

    /** A fixed "now" for tests that need one: a Monday in June, 12:00 UTC. */
    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    /** When these jobs were created: a day before {@link #NOW}; an interval's grid runs through it. */
    public static final Instant CREATED = NOW.minus(Duration.ofDays(1));
    /** The instance that claims these jobs' runs. */
    public static final InstanceId OWNER = new InstanceId("instance-1");

    private Jobs() {
    }

    /** An {@code every} job on the grid through {@link #CREATED}, whose next fire is {@code nextRunAt}. */
    public static Job every(Duration interval, Instant nextRunAt) {
        return active(new Every(interval.toMillis(), CREATED), nextRunAt);
    }

    /** A one-shot job due at {@code at}. */
    public static Job at(Instant at) {
        return active(new At(at), at);
    }

    /** A cron job in {@code zone} whose next fire is {@code nextRunAt}. */
    public static Job cron(String expression, String zone, Instant nextRunAt) {
        return active(Cron.of(expression, ZoneId.of(zone)), nextRunAt);
    }

    public static Job active(Schedule schedule, Instant nextRunAt) {
        return new Job(JobId.of("job-1"), "nightly report", null, true, schedule, "send the report",
                JobStatus.ACTIVE, null, nextRunAt, 0, 0, false, CREATED, CREATED, Actor.USER, 1, null, 1, null, null, null,
                null, null, null, null);
    }

    /** The same active job with {@code errors} consecutive errors behind it, due as before. */
    public static Job withErrors(Job job, int errors) {
        return job.retryAt(job.nextRunAt(), errors, job.updatedAt());
    }

    /** The same job, set to delete itself after a successful run. */
    public static Job deletingAfterRun(Job job) {
        return new Job(job.id(), job.name(), job.description(), job.enabled(), job.schedule(), job.task(),
                job.status(), job.lastRun(), job.nextRunAt(), job.runCount(), job.consecutiveErrors(), true,
                job.createdAt(), job.updatedAt(), job.createdBy(), job.version(), job.claim(), job.revision(),
                job.pausedUntil(), job.expectSuccessWithinMs(), job.lastSuccessAt(), job.staleSince(),
                job.dependency(), job.probe(), job.pendingProbe());
    }

    /**
     * The job as stored once the engine claimed a run of it at {@code claimedAt}: one version on,
     * holding a claim that carries that version.
     */
    public static Job claimed(Job job, String runId, Instant plannedAt, Instant claimedAt) {
        return claimedBy(job, OWNER, runId, plannedAt, claimedAt);
    }

    /** As {@link #claimed(Job, String, Instant, Instant)}, by {@code owner}. */
    public static Job claimedBy(Job job, InstanceId owner, String runId, Instant plannedAt, Instant claimedAt) {
        long version = job.version() + 1;
        return job.claim(Claim.of(new RunId(runId), plannedAt, claimedAt, version, owner), claimedAt)
                .withVersion(version);
    }
}
