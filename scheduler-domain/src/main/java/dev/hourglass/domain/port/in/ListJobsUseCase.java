package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.JobStatus;
import java.util.Optional;

public interface ListJobsUseCase {

    /** Jobs in {@code status} (all when empty), newest first, with the summary over every job. */
    JobListing list(Optional<JobStatus> status);
}
