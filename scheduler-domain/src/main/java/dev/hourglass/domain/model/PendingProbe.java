package dev.hourglass.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The next automatic probe of a failed job: when it fires, and how long it waited for that (the
 * wait a failed probe doubles).
 */
public record PendingProbe(Instant at, Duration waited) {

    public PendingProbe {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(waited, "waited");
    }

    /** The first probe, {@code probe}'s wait after the breaker tripped at {@code trippedAt}. */
    public static PendingProbe first(Probe probe, Instant trippedAt) {
        return new PendingProbe(trippedAt.plus(probe.firstWait()), probe.firstWait());
    }

    /** The probe after this one failed at {@code failedAt}: twice the wait, at most a day. */
    public PendingProbe next(Instant failedAt) {
        Duration wait = Probe.waitAfter(waited);
        return new PendingProbe(failedAt.plus(wait), wait);
    }
}
