package dev.hourglass.domain.port.in;

import java.util.Objects;

/**
 * Resume every job that {@code filter} matches, each on its own (CONTRACT §11.4), as
 * {@link ResumeJobCommand} would with the same {@code force} and {@code reason}. With
 * {@code dryRun}, nothing changes: the answer says what would happen.
 */
public record ResumeJobsCommand(ResumeFilter filter, boolean force, String reason, boolean dryRun, String actor) {

    public ResumeJobsCommand {
        Objects.requireNonNull(filter, "filter");
        reason = OperatorNote.reason(reason);
        actor = OperatorNote.actor(actor);
    }
}
