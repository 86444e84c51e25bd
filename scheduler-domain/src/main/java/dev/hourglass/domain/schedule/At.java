package dev.hourglass.domain.schedule;

import dev.hourglass.domain.error.UnusableScheduleException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Fires once, at {@code at}. */
public record At(Instant at) implements Schedule {

    public static final String KIND = "at";

    public At {
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Optional<Instant> activationFire(Instant now) {
        return Optional.of(at.isAfter(now) ? at : now);
    }

    @Override
    public Optional<Instant> nextFire(Instant plannedAt, Instant now) {
        return Optional.empty();
    }

    @Override
    public boolean repeats() {
        return false;
    }

    @Override
    public void requireFutureFire(Instant now) {
        if (!at.isAfter(now)) {
            throw new UnusableScheduleException("schedule.at", "'at' timestamp is in the past: " + at);
        }
    }

    @Override
    public String describe() {
        return "once at " + at;
    }
}
