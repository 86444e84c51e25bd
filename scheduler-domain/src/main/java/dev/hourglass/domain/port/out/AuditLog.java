package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.JobId;
import java.util.List;

/** The audit trail; entries outlive their job. Entries are written with the change, via {@link JobStore}. */
public interface AuditLog {

    /** The newest {@code limit} entries for the job, newest first; empty for an unknown id. */
    List<AuditEntry> entriesFor(JobId jobId, int limit);
}
