package dev.hourglass.domain.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine runs.
 *
 * @param workers        threads that run tasks at once
 * @param shutdownGrace  how long a stop waits for running tasks before abandoning them (they stay
 *                       claimed and are re-fired as interrupted after the next start)
 * @param claimBatch     how many due jobs one transaction claims
 * @param maxQueued      claimed runs waiting for a worker, beyond the running ones
 * @param maxIdle        the longest the dispatcher sleeps without a reason, a safety net for
 *                       changes made by another process sharing the store
 */
public record EngineSettings(int workers, Duration shutdownGrace, int claimBatch, int maxQueued, Duration maxIdle) {

    public static final EngineSettings DEFAULT =
            new EngineSettings(4, Duration.ofSeconds(30), 1024, 2048, Duration.ofSeconds(30));

    public EngineSettings {
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(maxIdle, "maxIdle");
        if (workers < 1 || claimBatch < 1 || maxQueued < 0) {
            throw new IllegalArgumentException("workers and claimBatch must be positive, maxQueued not negative");
        }
        if (shutdownGrace.isNegative() || maxIdle.isNegative() || maxIdle.isZero()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative, maxIdle must be positive");
        }
    }

    public EngineSettings withWorkers(int count) {
        return new EngineSettings(count, shutdownGrace, claimBatch, maxQueued, maxIdle);
    }

    public EngineSettings withShutdownGrace(Duration grace) {
        return new EngineSettings(workers, grace, claimBatch, maxQueued, maxIdle);
    }

    int maxInFlight() {
        return workers + maxQueued;
    }
}
