package dev.hourglass.http;

import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.LastRun;
import java.time.Instant;

/** A job as CONTRACT §2 and §7 (round 2) list its fields; the last run is flattened into four fields. */
record JobJson(
        String id,
        String name,
        String description,
        boolean enabled,
        ScheduleJson schedule,
        String task,
        String status,
        Instant lastRunAt,
        String lastRunStatus,
        Long lastRunDurationMs,
        String lastRunError,
        Instant nextRunAt,
        long runCount,
        int consecutiveErrors,
        boolean deleteAfterRun,
        Instant createdAt,
        Instant updatedAt,
        String createdBy,
        long revision,
        Instant pausedUntil,
        Long expectSuccessWithinMs,
        boolean stale,
        String dependency,
        ProbeJson probe,
        Instant nextProbeAt,
        boolean heldByDependency) {

    static JobJson of(Job job) {
        LastRun last = job.lastRun();
        return new JobJson(
                job.id().value(),
                job.name(),
                job.description(),
                job.enabled(),
                ScheduleJson.of(job.schedule()),
                job.task(),
                job.status().wireName(),
                last == null ? null : last.startedAt(),
                last == null ? null : last.status().wireName(),
                last == null ? null : last.durationMs(),
                last == null ? null : last.error(),
                job.nextRunAt(),
                job.runCount(),
                job.consecutiveErrors(),
                job.deleteAfterRun(),
                job.createdAt(),
                job.updatedAt(),
                job.createdBy(),
                job.revision(),
                job.pausedUntil(),
                job.expectSuccessWithinMs(),
                job.isStale(),
                job.dependency(),
                ProbeJson.of(job.probe()),
                job.nextProbeAt(),
                job.heldByDependency());
    }
}
