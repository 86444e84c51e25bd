package dev.hourglass.domain.policy;

import dev.hourglass.domain.port.out.JobWrite;
import java.util.Objects;

/** What recording a run changes, and whether that change trips the breaker (the notifier is told once). */
public record OutcomeDecision(JobWrite write, boolean tripsBreaker) {

    public OutcomeDecision {
        Objects.requireNonNull(write, "write");
    }
}
