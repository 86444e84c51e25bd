package dev.hourglass.domain.policy;

import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.port.out.RunOutcome;
import java.time.Instant;
import java.util.Objects;

/**
 * A finished run, as the engine saw it: the job as it was once claimed, the claim, when the task
 * started, how long it took and what it reported.
 */
public record RunResult(Job claimedJob, Claim claim, Instant startedAt, long durationMs, RunOutcome outcome) {

    public RunResult {
        Objects.requireNonNull(claimedJob, "claimedJob");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The run's output on success, its error otherwise: what a manual run answers. */
    public String summary() {
        if (outcome instanceof RunOutcome.Ok ok) {
            return ok.output() == null ? "" : ok.output();
        }
        return ((RunOutcome.Failed) outcome).error();
    }
}
