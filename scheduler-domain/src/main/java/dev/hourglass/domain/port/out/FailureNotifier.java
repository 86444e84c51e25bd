package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.Job;

/** Told once each time a job's circuit breaker trips, after the failure is stored. */
@FunctionalInterface
public interface FailureNotifier {

    FailureNotifier NONE = job -> { };

    /** {@code job} is the stored failed job: its error count and last error say why. */
    void jobFailed(Job job);
}
