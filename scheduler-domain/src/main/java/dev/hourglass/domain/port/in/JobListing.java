package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobSummary;
import java.util.List;

/** The jobs asked for, newest first, and the summary over all jobs. */
public record JobListing(JobSummary summary, List<Job> jobs) {

    public JobListing {
        jobs = List.copyOf(jobs);
    }
}
