package dev.hourglass.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One accepted definition of a job: revision 1 is the job as created, each edit adds the next.
 *
 * @param changedBy who created or edited the job
 */
public record JobRevision(JobId jobId, long revision, Instant changedAt, String changedBy, JobDefinition definition) {

    /** How many revisions per job a store keeps at least, newest first. */
    public static final int RETAINED_PER_JOB = 50;

    public JobRevision {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(changedBy, "changedBy");
        Objects.requireNonNull(definition, "definition");
        if (revision < 1) {
            throw new IllegalArgumentException("revisions start at 1");
        }
    }

    /** The revision {@code job} is at, as {@code changedBy} left it at its {@code updatedAt}. */
    public static JobRevision of(Job job, String changedBy) {
        return new JobRevision(job.id(), job.revision(), job.updatedAt(), changedBy, job.definition());
    }

    /** The job's first revision, as created. */
    public static JobRevision first(Job job) {
        return new JobRevision(job.id(), job.revision(), job.createdAt(), job.createdBy(), job.definition());
    }
}
