package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.JobId;
import java.util.Objects;

public record DeleteJobCommand(JobId jobId, String actor) {

    public DeleteJobCommand {
        Objects.requireNonNull(jobId, "jobId");
        actor = OperatorNote.actor(actor);
    }
}
