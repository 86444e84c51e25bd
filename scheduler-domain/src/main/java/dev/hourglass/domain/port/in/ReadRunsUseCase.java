package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.RunRecord;
import java.util.List;

public interface ReadRunsUseCase {

    /**
     * The job's runs, newest first.
     *
     * @throws dev.hourglass.domain.error.JobNotFoundException for an unknown or deleted job
     */
    List<RunRecord> runs(HistoryQuery query);
}
