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
 * @param heartbeat      how often the instance renews its heartbeat and looks for claims to take over
 * @param lease          how long a heartbeat counts: an instance silent for longer is dead
 * @param catchUpWindow  the longest span over which fires missed while down are spread at start
 * @param auditRetention how long audit entries are kept (each job's newest 100 always stay)
 */
public record EngineSettings(int workers, Duration shutdownGrace, int claimBatch, int maxQueued, Duration maxIdle,
        Duration heartbeat, Duration lease, Duration catchUpWindow, Duration auditRetention) {

    public static final EngineSettings DEFAULT = new EngineSettings(4, Duration.ofSeconds(30), 1024, 2048,
            Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(60),
            Duration.ofDays(90));

    public EngineSettings {
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(maxIdle, "maxIdle");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(catchUpWindow, "catchUpWindow");
        Objects.requireNonNull(auditRetention, "auditRetention");
        if (workers < 1 || claimBatch < 1 || maxQueued < 0) {
            throw new IllegalArgumentException("workers and claimBatch must be positive, maxQueued not negative");
        }
        if (shutdownGrace.isNegative() || !isPositive(maxIdle) || catchUpWindow.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace and catchUpWindow must not be negative, maxIdle must be positive");
        }
        if (!isPositive(heartbeat) || lease.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("the heartbeat must be positive and shorter than the lease");
        }
        if (!isPositive(auditRetention)) {
            throw new IllegalArgumentException("auditRetention must be positive");
        }
    }

    public EngineSettings withWorkers(int count) {
        return new EngineSettings(count, shutdownGrace, claimBatch, maxQueued, maxIdle, heartbeat, lease,
                catchUpWindow, auditRetention);
    }

    public EngineSettings withShutdownGrace(Duration grace) {
        return new EngineSettings(workers, grace, claimBatch, maxQueued, maxIdle, heartbeat, lease, catchUpWindow,
                auditRetention);
    }

    public EngineSettings withLease(Duration newHeartbeat, Duration newLease) {
        return new EngineSettings(workers, shutdownGrace, claimBatch, maxQueued, maxIdle, newHeartbeat, newLease,
                catchUpWindow, auditRetention);
    }

    public EngineSettings withCatchUpWindow(Duration window) {
        return new EngineSettings(workers, shutdownGrace, claimBatch, maxQueued, maxIdle, heartbeat, lease, window,
                auditRetention);
    }

    /** The dispatcher's safety-net poll: 1 s on a shared store, where other instances' changes arrive by signal. */
    public EngineSettings withMaxIdle(Duration idle) {
        return new EngineSettings(workers, shutdownGrace, claimBatch, maxQueued, idle, heartbeat, lease, catchUpWindow,
                auditRetention);
    }

    public EngineSettings withAuditRetention(Duration retention) {
        return new EngineSettings(workers, shutdownGrace, claimBatch, maxQueued, maxIdle, heartbeat, lease,
                catchUpWindow, retention);
    }

    int maxInFlight() {
        return workers + maxQueued;
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
