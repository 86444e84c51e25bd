package dev.hourglass.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A durable promise that a run is under way, and whose it is. While a job holds a claim it is never
 * fired again. An outcome is recorded only while the stored claim still has the same run id, owner
 * and epoch: a claim that another instance took over answers a late outcome with {@code superseded}.
 *
 * @param plannedAt the instant the run was planned for; null for a manual run
 * @param version   the job's version once the claim was stored; a different version when the run
 *                  ends means an operator changed the job meanwhile, and the operator wins
 * @param owner     the instance running it
 * @param epoch     the fencing epoch: 1 when claimed, one more at every takeover
 */
public record Claim(RunId runId, Instant plannedAt, Instant claimedAt, long version, InstanceId owner, long epoch) {

    public Claim {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(owner, "owner");
        if (epoch < 1) {
            throw new IllegalArgumentException("a claim's epoch starts at 1");
        }
    }

    /** A new claim by {@code owner}, stored at {@code version}. */
    public static Claim of(RunId runId, Instant plannedAt, Instant claimedAt, long version, InstanceId owner) {
        return new Claim(runId, plannedAt, claimedAt, version, owner, 1);
    }

    public boolean isManual() {
        return plannedAt == null;
    }

    /** Whether {@code other} is this very claim: same run, same owner, same epoch. */
    public boolean isSameHolding(Claim other) {
        return other != null && runId.equals(other.runId) && owner.equals(other.owner) && epoch == other.epoch;
    }

    /** The claim taken over by {@code newOwner}: same run id and planned instant, the next epoch. */
    public Claim takenOverBy(InstanceId newOwner, long newVersion) {
        return new Claim(runId, plannedAt, claimedAt, newVersion, newOwner, epoch + 1);
    }

    /** The same claim, recorded at {@code newVersion}: an edit during the run keeps the run's say over its outcome. */
    public Claim atVersion(long newVersion) {
        return new Claim(runId, plannedAt, claimedAt, newVersion, owner, epoch);
    }
}
