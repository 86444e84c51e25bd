package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.JobQuery;
import dev.hourglass.domain.model.JobStatus;
import java.util.Optional;

public interface ListJobsUseCase {

    /** One page of the jobs {@code query} selects, newest first, with the summary over every job. */
    JobListing list(JobQuery query);

    /** The first {@value JobQuery#MAX_LIMIT} jobs in {@code status} (all when empty), newest first. */
    default JobListing list(Optional<JobStatus> status) {
        return list(JobQuery.all().withStatus(status.orElse(null)));
    }
}
