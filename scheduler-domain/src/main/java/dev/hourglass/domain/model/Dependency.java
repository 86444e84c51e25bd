package dev.hourglass.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The breaker of one dependency, the outside system some jobs call (CONTRACT §11.1), as stored and
 * shared by every instance. Immutable; its {@link dev.hourglass.domain.policy.DependencyPolicy}
 * works out every change, the store keeps it under a version check. A dependency nobody stored yet
 * is {@link #closed} at version 0.
 *
 * @param key        the dependency's case-insensitive key ({@link JobDefinition#dependencyKey})
 * @param name       its name as a job spelled it
 * @param openedAt   when the current episode began (it stays through failed probes); null when closed
 * @param openUntil  when an open dependency turns half-open; null unless open
 * @param cause      why it opened (the faults, or the operator's hold); null when closed
 * @param period     the open period now in force, doubled by each failed probe; null when closed
 * @param probes     probe runs ended in this episode
 * @param probeJobId the held job that fires as the probe while half-open; null when none is chosen
 * @param faults     the dependency faults of the last window while closed (empty otherwise), oldest first
 * @param version    the stored version; 0 for a dependency not stored yet
 */
public record Dependency(String key, String name, DependencyState state, Instant openedAt, Instant openUntil,
        String cause, Duration period, int probes, JobId probeJobId, List<Fault> faults, long version,
        Instant updatedAt) {

    /** The longest cause kept. */
    public static final int MAX_CAUSE_LENGTH = 500;

    public Dependency {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        faults = List.copyOf(faults);
        if (!key.equals(JobDefinition.dependencyKey(name))) {
            throw new IllegalArgumentException("a dependency's key is its name in lower case");
        }
        if (state == DependencyState.OPEN && openUntil == null) {
            throw new IllegalArgumentException("an open dependency is open until an instant");
        }
        if (state.holds() && (openedAt == null || period == null)) {
            throw new IllegalArgumentException("an open or half-open dependency has an opening and a period");
        }
        if (probeJobId != null && state != DependencyState.HALF_OPEN) {
            throw new IllegalArgumentException("only a half-open dependency has a probe");
        }
        if (probes < 0 || version < 0) {
            throw new IllegalArgumentException("counters must not be negative");
        }
        cause = cause == null || cause.length() <= MAX_CAUSE_LENGTH ? cause : cause.substring(0, MAX_CAUSE_LENGTH);
    }

    /** A dependency not stored yet: closed, no faults, version 0. */
    public static Dependency closed(String name) {
        return new Dependency(JobDefinition.dependencyKey(name), name, DependencyState.CLOSED, null, null, null, null,
                0, null, List.of(), 0, null);
    }

    /** A dependency fault of a run of {@code jobId} that ended at {@code at}; {@code retryAfter} may be null. */
    public record Fault(JobId jobId, Instant at, Duration retryAfter) {

        public Fault {
            Objects.requireNonNull(jobId, "jobId");
            Objects.requireNonNull(at, "at");
        }
    }

    public boolean holds() {
        return state.holds();
    }

    /** How many distinct jobs have a fault in {@link #faults}. */
    public int faultedJobs() {
        return (int) faults.stream().map(Fault::jobId).distinct().count();
    }

    /** The largest {@code Retry-After} among the faults, if any gave one. */
    public Optional<Duration> largestRetryAfter() {
        return faults.stream().map(Fault::retryAfter).filter(Objects::nonNull).max(Comparator.naturalOrder());
    }

    /** Whether {@code job} is the probe this half-open dependency lets fire. */
    public boolean isProbe(JobId job) {
        return state == DependencyState.HALF_OPEN && job.equals(probeJobId);
    }

    /** The same dependency at another stored version; only stores and writes set it. */
    public Dependency withVersion(long newVersion) {
        return new Dependency(key, name, state, openedAt, openUntil, cause, period, probes, probeJobId, faults,
                newVersion, updatedAt);
    }
}
