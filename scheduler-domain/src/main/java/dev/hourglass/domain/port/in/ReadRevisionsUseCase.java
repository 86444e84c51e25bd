package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.JobRevision;
import java.util.List;

public interface ReadRevisionsUseCase {

    /**
     * The job's definitions, newest first: revision 1 as created, then one per accepted edit.
     *
     * @throws dev.hourglass.domain.error.JobNotFoundException for an unknown or deleted job
     */
    List<JobRevision> revisions(HistoryQuery query);
}
