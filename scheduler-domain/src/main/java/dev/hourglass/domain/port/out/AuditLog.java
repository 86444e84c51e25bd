package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.JobId;
import java.time.Instant;
import java.util.List;

/** The audit trail; entries outlive their job. Entries are written with the change, via {@link JobStore}. */
public interface AuditLog {

    /** The newest {@code limit} entries for the job, newest first; empty for an unknown id. */
    List<AuditEntry> entriesFor(JobId jobId, int limit);

    /**
     * Deletes entries created before {@code cutoff}, except each job's newest {@code keepPerJob}.
     *
     * @return how many were deleted
     */
    int trimAudit(Instant cutoff, int keepPerJob);
}
