package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.RunStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a manual run: its output or error, and the job afterwards (empty when the run
 * removed it, as a {@code deleteAfterRun} job does, or an operator deleted it meanwhile).
 */
public record ManualRun(RunStatus status, String result, Optional<Job> job) {

    public ManualRun {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(job, "job");
    }
}
