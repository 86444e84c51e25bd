package dev.hourglass.domain.schedule;

import dev.hourglass.domain.error.UnusableScheduleException;
import java.time.Instant;
import java.util.Optional;

/** When a job fires. Each kind answers the planning questions itself, so callers never switch on kind. */
public sealed interface Schedule permits At, Every, Cron {

    /** The name of the kind in JSON and storage: {@code at}, {@code every} or {@code cron}. */
    String kind();

    /**
     * The schedule as stored for a job created at {@code now}: an interval is fixed to its grid
     * there; the other kinds are already complete.
     */
    default Schedule anchoredAt(Instant now) {
        return this;
    }

    /**
     * Whether {@code other} fires by the same rule as this schedule, whatever the grid either is
     * anchored to: what an edit compares to tell a new schedule from the same one sent again.
     */
    default boolean sameRuleAs(Schedule other) {
        return equals(other);
    }

    /**
     * The first fire of a job entering {@code active} at {@code now} (create, resume). A revived
     * one-shot whose instant has passed fires once more, now.
     */
    Optional<Instant> activationFire(Instant now);

    /**
     * The fire after a successful run that was planned for {@code plannedAt} (null for a manual
     * run) and ended at {@code now}; empty when the schedule has no fire left.
     */
    Optional<Instant> nextFire(Instant plannedAt, Instant now);

    /** When to retry after a failed run whose backoff ends at {@code backoffUntil}. */
    default Instant retryAt(Instant backoffUntil, Instant now) {
        return backoffUntil;
    }

    /** Whether the schedule fires more than once; a one-shot job has less patience for errors. */
    default boolean repeats() {
        return true;
    }

    /** Refuses a schedule that cannot fire after {@code now}; the store never holds a dead job. */
    void requireFutureFire(Instant now) throws UnusableScheduleException;

    /** The schedule in words, for people. */
    String describe();
}
