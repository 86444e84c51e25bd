package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;

public interface GetJobUseCase {

    /** @throws dev.hourglass.domain.error.JobNotFoundException for an unknown id */
    Job get(JobId id);
}
