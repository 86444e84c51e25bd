package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobRevision;
import java.util.List;

/**
 * The definitions each job had: revision 1 is written with the job's insert, each edit's with the
 * edit ({@link JobWrite.Edit}); at least the newest {@link JobRevision#RETAINED_PER_JOB} are kept,
 * and they are deleted with the job.
 */
public interface Revisions {

    /** The newest {@code limit} revisions of the job, newest first; empty for an unknown job. */
    List<JobRevision> revisionsOf(JobId jobId, int limit);
}
