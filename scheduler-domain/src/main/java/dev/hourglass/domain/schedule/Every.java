package dev.hourglass.domain.schedule;

import dev.hourglass.domain.error.UnusableScheduleException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Fires every {@code intervalMs} milliseconds on a fixed grid through {@code anchor} (the instant the
 * job was created): neither run time, nor a retry, nor a catch-up fire after a restart shifts it.
 * A schedule not yet anchored (a preview, a request) plans from the instant it is asked about.
 */
public record Every(long intervalMs, Instant anchor) implements Schedule {

    public static final String KIND = "every";
    /** Ten years: long enough for any real job, short enough that instants never overflow. */
    public static final long MAX_INTERVAL_MS = Duration.ofDays(3653).toMillis();

    public Every {
        if (intervalMs <= 0) {
            throw new UnusableScheduleException("schedule.intervalMs",
                    "schedule.intervalMs must be a positive number of milliseconds, got " + intervalMs);
        }
        if (intervalMs > MAX_INTERVAL_MS) {
            throw new UnusableScheduleException("schedule.intervalMs",
                    "schedule.intervalMs must be at most " + MAX_INTERVAL_MS + " (ten years), got " + intervalMs);
        }
    }

    /** Every {@code intervalMs}, not yet anchored to a grid. */
    public Every(long intervalMs) {
        this(intervalMs, null);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Schedule anchoredAt(Instant now) {
        return anchor == null ? new Every(intervalMs, now) : this;
    }

    @Override
    public boolean sameRuleAs(Schedule other) {
        return other instanceof Every every && every.intervalMs == intervalMs;
    }

    /** The first slot of the grid after {@code now}; for a schedule not yet anchored, {@code now} + interval. */
    @Override
    public Optional<Instant> activationFire(Instant now) {
        return Optional.of(slotAfter(now));
    }

    /**
     * The first slot of the grid after {@code now}, whatever the run was planned for: a late run, a
     * retry or a catch-up fire is followed by the grid's next slot, and slots already past are skipped.
     */
    @Override
    public Optional<Instant> nextFire(Instant plannedAt, Instant now) {
        return Optional.of(slotAfter(now));
    }

    private Instant slotAfter(Instant now) {
        if (anchor == null) {
            return now.plusMillis(intervalMs);
        }
        // The grid runs both ways through the anchor: a clock stepped back before it still gets the
        // next slot after now, not the anchor's first slot an hour or a day ahead.
        long sinceAnchorMs = Duration.between(anchor, now).toMillis();
        long slots = Math.floorDiv(sinceAnchorMs, intervalMs) + 1;
        return anchor.plusMillis(slots * intervalMs);
    }

    @Override
    public void requireFutureFire(Instant now) {
        // Always fires again.
    }

    @Override
    public String describe() {
        return "every " + Durations.describe(intervalMs);
    }
}
