package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.JobId;
import java.util.Objects;

public record RunJobNowCommand(JobId jobId, String actor) {

    public RunJobNowCommand {
        Objects.requireNonNull(jobId, "jobId");
        actor = OperatorNote.actor(actor);
    }
}
