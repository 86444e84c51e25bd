package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobSummary;
import java.util.List;
import java.util.Optional;

/**
 * A page of the jobs asked for, newest first, the summary over all jobs, and the cursor of the
 * next page ({@code nextCursor}, null on the last).
 */
public record JobListing(JobSummary summary, List<Job> jobs, String nextCursor) {

    public JobListing {
        jobs = List.copyOf(jobs);
    }

    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }
}
