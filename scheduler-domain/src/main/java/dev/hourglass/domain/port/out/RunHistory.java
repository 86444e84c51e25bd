package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.RunRecord;
import java.util.List;

/** Past runs of each job, written with the outcome via {@link JobStore}, deleted with the job. */
public interface RunHistory {

    int RETAINED_PER_JOB = 100;

    /** The newest {@code limit} runs of the job, newest first. */
    List<RunRecord> runsOf(JobId jobId, int limit);
}
