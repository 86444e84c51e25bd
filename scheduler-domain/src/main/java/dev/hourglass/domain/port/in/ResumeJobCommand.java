package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.JobId;
import java.util.Objects;

/**
 * Resume a job. {@code force} is the operator's deliberate override of the circuit breaker: only
 * with it does a failed job come back. {@code reason} (optional) goes into the audit entry.
 */
public record ResumeJobCommand(JobId jobId, boolean force, String reason, String actor) {

    public ResumeJobCommand {
        Objects.requireNonNull(jobId, "jobId");
        reason = OperatorNote.reason(reason);
        actor = OperatorNote.actor(actor);
    }
}
