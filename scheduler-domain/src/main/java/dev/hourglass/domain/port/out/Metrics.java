package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.RunStatus;
import java.time.Duration;

/**
 * What the engine tells a metrics system while it works: runs and their outcomes, how late runs
 * start, breaker trips, how long storing outcomes takes, busy workers and alert deliveries. Gauges
 * that are cheaper to read than to track (jobs by status, alerts waiting) are read from
 * {@link Readings} at scrape time instead. Every method is called on the engine's own threads, so
 * an implementation must be quick and must not throw; each defaults to doing nothing.
 */
public interface Metrics {

    /** Reports nothing: the default for an embedder that does not ask for metrics. */
    Metrics NONE = new Metrics() {
    };

    /** Called once, when Hourglass is built: where the gauges read at scrape time come from. */
    default void bind(Readings readings) {
    }

    /**
     * A task started on a worker (or in the calling thread). {@code fireLag} is how long after its
     * planned instant it started; null for a manual run, which had no planned instant.
     */
    default void taskStarted(Duration fireLag) {
    }

    /** The task that {@link #taskStarted} announced has ended, whatever its outcome. */
    default void taskFinished() {
    }

    /**
     * A run's outcome is stored: {@code ok}, {@code error} or {@code superseded} with how long the
     * task ran, or {@code interrupted} (the run was cut; {@code duration} is zero, it is not known).
     */
    default void runRecorded(RunStatus status, Duration duration) {
    }

    /** A job's circuit breaker tripped: it is {@code failed} now. */
    default void breakerTripped() {
    }

    /** The store committed {@code writes} run outcomes in one transaction, which took {@code took}. */
    default void outcomesCommitted(int writes, Duration took) {
    }

    /** An alert from the outbox reached its receiver. */
    default void alertDelivered() {
    }

    /** Delivering an alert failed; it stays in the outbox and is tried again later. */
    default void alertDeferred() {
    }
}
