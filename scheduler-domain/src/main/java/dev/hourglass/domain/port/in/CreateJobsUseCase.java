package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.Job;
import java.util.List;

public interface CreateJobsUseCase {

    /**
     * Creates every job of the batch in one transaction, each with its {@code create} audit entry and
     * first revision, as {@link CreateJobUseCase} creates one; or none of them.
     *
     * @return the jobs as stored, in the order of the batch
     * @throws dev.hourglass.domain.error.BatchRefusedException naming each refused job by index: an
     *         invalid one, a name twice in the batch, a name a stored job holds
     * @throws dev.hourglass.domain.error.JobLimitReachedException when the batch does not fit under the job limit
     */
    List<Job> createAll(CreateJobsCommand command);
}
