package dev.hourglass.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A durable promise that a run is under way. While a job holds a claim it is never fired again.
 *
 * @param plannedAt the instant the run was planned for; null for a manual run
 * @param version   the job's version once the claim was stored; a different version when the run
 *                  ends means an operator changed the job meanwhile, and the operator wins
 */
public record Claim(RunId runId, Instant plannedAt, Instant claimedAt, long version) {

    public Claim {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(claimedAt, "claimedAt");
    }

    public boolean isManual() {
        return plannedAt == null;
    }

    public Claim withVersion(long newVersion) {
        return new Claim(runId, plannedAt, claimedAt, newVersion);
    }
}
