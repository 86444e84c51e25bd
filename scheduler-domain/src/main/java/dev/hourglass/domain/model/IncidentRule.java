package dev.hourglass.domain.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * When failures that share a cause make an incident (CONTRACT §11.3): a pure table, tested cell by
 * cell, of what the number of jobs failing with one signature means for that signature's incident,
 * and which signature, if any, a job counts under.
 *
 * <pre>
 *                       fewer than 2   2 .. threshold-1   threshold or more
 *   no incident open    nothing        nothing            OPEN
 *   incident open       RESOLVE        stays open         stays open
 * </pre>
 *
 * The gap between opening (at {@code threshold}) and resolving (below 2) keeps an incident from
 * flapping while its jobs recover one by one; it is why the threshold is at least 2.
 *
 * @param threshold how many jobs must fail with one signature for an incident to open
 */
public record IncidentRule(int threshold) {

    /** An incident resolves when fewer than this many jobs still fail with its signature. */
    public static final int RESOLVE_BELOW = 2;
    /** The contract's default: three jobs ({@code --incident-threshold}). */
    public static final IncidentRule DEFAULT = new IncidentRule(3);

    /** What the count of failing jobs means for a signature's incident. */
    public enum Decision {
        /** No incident is open and enough jobs fail alike: one opens. */
        OPEN,
        /** The open incident stays open. */
        STAYS_OPEN,
        /** Too few jobs are left failing: the open incident resolves. */
        RESOLVE,
        /** No incident is open and none opens. */
        NONE
    }

    /** How many jobs fail with the signature, against the two limits. */
    enum Count { FEW, SOME, MANY }

    private static final Map<Count, Decision> WITHOUT_INCIDENT = new EnumMap<>(Count.class);
    private static final Map<Count, Decision> WITH_INCIDENT = new EnumMap<>(Count.class);

    static {
        //                                 fewer than 2       2 .. threshold-1          threshold or more
        row(WITHOUT_INCIDENT, Decision.NONE, Decision.NONE, Decision.OPEN);
        row(WITH_INCIDENT, Decision.RESOLVE, Decision.STAYS_OPEN, Decision.STAYS_OPEN);
    }

    public IncidentRule {
        if (threshold < RESOLVE_BELOW) {
            throw new IllegalArgumentException("the incident threshold must be at least " + RESOLVE_BELOW
                    + " (an incident resolves below " + RESOLVE_BELOW + " jobs), got " + threshold);
        }
    }

    /** What {@code failing} jobs sharing one signature mean, with an incident of it open or not. */
    public Decision decide(boolean open, int failing) {
        return (open ? WITH_INCIDENT : WITHOUT_INCIDENT).get(count(failing));
    }

    Count count(int failing) {
        if (failing < RESOLVE_BELOW) {
            return Count.FEW;
        }
        return failing < threshold ? Count.SOME : Count.MANY;
    }

    /**
     * The signature {@code job} counts under after a change, given the one it counted under before:
     * an active or failed job whose last run failed counts under that run's signature; a paused or
     * completed job, or one whose last run succeeded, under none. An interrupted run says nothing of
     * the cause (a crash, a takeover), so the job keeps counting as it did. A job held by its open
     * dependency (CONTRACT §11.1) counts under none either: that storm is the dependency's, which
     * raises its own one alert, and an incident of the same faults would only say it twice.
     */
    public static Optional<String> signatureOf(Job job, Optional<String> before) {
        if (job.status() != JobStatus.ACTIVE && job.status() != JobStatus.FAILED || job.heldByDependency()) {
            return Optional.empty();
        }
        LastRun last = job.lastRun();
        if (last == null) {
            return Optional.empty();
        }
        return switch (last.status()) {
            case ERROR -> Optional.of(ErrorSignature.of(last.error()));
            case OK -> Optional.empty();
            case INTERRUPTED, SUPERSEDED -> before;
        };
    }

    private static void row(Map<Count, Decision> row, Decision few, Decision some, Decision many) {
        row.put(Count.FEW, few);
        row.put(Count.SOME, some);
        row.put(Count.MANY, many);
    }
}
