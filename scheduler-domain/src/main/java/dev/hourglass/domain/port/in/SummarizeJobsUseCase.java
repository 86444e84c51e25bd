package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.JobSummary;

public interface SummarizeJobsUseCase {

    JobSummary summarize();
}
