package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.JobId;
import java.util.Objects;

/** Pause a job; {@code reason} (optional, at most 500 characters) goes into the audit entry. */
public record PauseJobCommand(JobId jobId, String reason, String actor) {

    public PauseJobCommand {
        Objects.requireNonNull(jobId, "jobId");
        reason = OperatorNote.reason(reason);
        actor = OperatorNote.actor(actor);
    }
}
