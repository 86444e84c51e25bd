package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.JobId;
import java.time.Instant;
import java.util.Objects;

/**
 * Pause a job; {@code reason} (optional, at most 500 characters) goes into the audit entry. With
 * {@code until} (null: indefinitely), the engine resumes the job at that instant, which must lie in
 */
public record PauseJobCommand(JobId jobId, String reason, String actor, Instant until) {


    public PauseJobCommand {
        Objects.requireNonNull(jobId, "jobId");
        reason = OperatorNote.reason(reason);
        actor = OperatorNote.actor(actor);
    }

    /** A pause until an operator resumes the job. */
    public PauseJobCommand(JobId jobId, String reason, String actor) {
        this(jobId, reason, actor, null);
    }
}
