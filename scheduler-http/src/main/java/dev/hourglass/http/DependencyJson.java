package dev.hourglass.http;

import dev.hourglass.domain.model.DependencyStatus;
import java.time.Instant;
import java.util.List;

/** A dependency as CONTRACT §11.1 lists it: its breaker's state and episode, its jobs and those held. */
record DependencyJson(String name, String state, Instant openedAt, Instant openUntil, String cause, int jobs,
        int held, int probes) {

    static DependencyJson of(DependencyStatus status) {
        return new DependencyJson(status.name(), status.state().wireName(), status.openedAt(), status.openUntil(),
                status.cause(), status.jobs(), status.held(), status.probes());
    }

    /** {@code GET .../dependencies}. */
    record Listing(List<DependencyJson> dependencies) {
    }

    /** {@code POST .../dependencies/{name}/open} and {@code .../close}: the dependency as it is now. */
    record Body(DependencyJson dependency) {
    }
}
