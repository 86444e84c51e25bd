package dev.hourglass.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One change to a job, written in the same transaction as the change itself.
 * {@code previousStatus} is null for {@code create}; {@code newStatus} is null for {@code delete};
 * {@code detail} may be null.
 */
public record AuditEntry(
        String id,
        JobId jobId,
        String jobName,
        AuditAction action,
        JobStatus previousStatus,
        JobStatus newStatus,
        String actor,
        String detail,
        Instant createdAt) {

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static AuditEntry of(String id, Job job, AuditAction action, JobStatus previousStatus, JobStatus newStatus,
            String actor, String detail, Instant now) {
        return new AuditEntry(id, job.id(), job.name(), action, previousStatus, newStatus, actor, detail, now);
    }
}
