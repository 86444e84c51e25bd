package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.RunId;
import java.time.Instant;
import java.util.Objects;

/**
 * One run handed to a task runner. {@code plannedAt} is null for a manual run; {@code attempt} is
 * the job's consecutive error count plus one. A run re-fired after a crash keeps its {@code runId}.
 */
public record TaskRequest(RunId runId, JobId jobId, String jobName, String task, Instant plannedAt, Instant firedAt,
        int attempt) {

    public TaskRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(firedAt, "firedAt");
    }
}
