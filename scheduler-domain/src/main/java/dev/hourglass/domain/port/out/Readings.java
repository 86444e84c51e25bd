package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.JobStatus;
import java.util.Map;

/**
 * Gauges a metrics system reads when it is scraped, not tracked as events: reading them costs one
 * query each, and they can never drift from what the store holds (another instance sharing the
 * store changes them too). See {@link Metrics#bind(Readings)}.
 */
public interface Readings {

    /** How many jobs are in each status; every status is a key. */
    Map<JobStatus, Integer> jobsByStatus();

    /** Alerts waiting in the outbox. */
    int alertsPending();

    /** How many dependencies are in each state ({@code closed}, {@code open}, {@code half_open}). */
    default Map<String, Integer> dependenciesByState() {
        return Map.of("closed", 0, "open", 0, "half_open", 0);
    }

    /** Incidents currently open. */
    default int incidentsOpen() {
        return 0;
    }
}
