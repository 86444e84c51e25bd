package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.AuditEntry;
import java.util.List;

public interface ReadAuditUseCase {

    /** The job's audit entries, newest first; also for a deleted job; empty for an id never seen. */
    List<AuditEntry> audit(HistoryQuery query);
}
