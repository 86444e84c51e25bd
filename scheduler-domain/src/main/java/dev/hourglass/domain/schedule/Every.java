package dev.hourglass.domain.schedule;

import dev.hourglass.domain.error.UnusableScheduleException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Fires every {@code intervalMs} milliseconds, on a fixed grid: run time never shifts the grid. */
public record Every(long intervalMs) implements Schedule {

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

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<Instant> activationFire(Instant now) {
        return Optional.of(now.plusMillis(intervalMs));
    }

    /**
     * The first slot of the grid through {@code plannedAt} that lies after {@code now}; from now when
     * there is no planned instant or it lies ahead of now.
     */
    @Override
    public Optional<Instant> nextFire(Instant plannedAt, Instant now) {
        if (plannedAt == null || plannedAt.isAfter(now)) {
            // A manual run, or the clock was stepped back past the planned instant: plan from now.
            return activationFire(now);
        }
        long behindMs = Duration.between(plannedAt, now).toMillis();
        long slots = behindMs < 0 ? 1 : behindMs / intervalMs + 1;
        return Optional.of(plannedAt.plusMillis(slots * intervalMs));
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
