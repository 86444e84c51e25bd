package dev.hourglass.domain.model;

import java.time.Duration;

/**
 * A job's opt-in to automatic probes (CONTRACT §11.2): {@code afterMs} after its breaker trips, one
 * trial run fires while the job stays failed; a success revives it, a failure doubles the wait, up
 * to {@link #MAX_WAIT}.
 */
public record Probe(long afterMs) {

    /** The shortest wait an operator may ask for: one minute. */
    public static final long MIN_AFTER_MS = 60_000;
    /** However often probes fail, the next one is at most this far out. */
    public static final Duration MAX_WAIT = Duration.ofHours(24);

    public Probe {
        if (afterMs < MIN_AFTER_MS) {
            throw new IllegalArgumentException("a probe waits at least " + MIN_AFTER_MS + " ms, got " + afterMs);
        }
    }

    /** The first wait, after the breaker trips. */
    public Duration firstWait() {
        return Duration.ofMillis(afterMs);
    }

    /** The wait after a failed probe that had waited {@code last}: twice as long, at most {@link #MAX_WAIT}. */
    public static Duration waitAfter(Duration last) {
        Duration doubled = last.multipliedBy(2);
        return doubled.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : doubled;
    }
}
