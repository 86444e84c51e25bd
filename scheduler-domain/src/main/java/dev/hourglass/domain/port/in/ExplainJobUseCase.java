package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.Explanation;

public interface ExplainJobUseCase {

    /**
     * Why the job will or will not fire next (CONTRACT §12.3).
     *
     * @throws dev.hourglass.domain.error.JobNotFoundException for an unknown or deleted job
     */
    Explanation explain(JobId id);
}
