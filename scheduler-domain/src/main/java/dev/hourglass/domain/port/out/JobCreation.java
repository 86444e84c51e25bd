package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.Job;
import java.util.Objects;

/** A new job as {@link JobStore#insertAll} stores it: the job (version 1) and its {@code create} entry. */
public record JobCreation(Job job, AuditEntry created) {

    public JobCreation {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(created, "created");
        if (!created.jobId().equals(job.id())) {
            throw new IllegalArgumentException("the create entry of job " + job.id() + " names job " + created.jobId());
        }
    }
}
