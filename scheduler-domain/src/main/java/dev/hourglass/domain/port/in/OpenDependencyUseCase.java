package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.DependencyStatus;

public interface OpenDependencyUseCase {

    /**
     * Holds a dependency open until an instant, for maintenance (CONTRACT §11.1): its jobs do not
     * fire until then, each audited {@code dependency_open}; then it turns half-open and probes.
     *
     * @throws dev.hourglass.domain.error.DependencyNotFoundException when no job names it
     * @throws dev.hourglass.domain.error.InvalidInputException naming {@code until} when it is not
     *         in the future or more than a year ahead
     */
    DependencyStatus open(OpenDependencyCommand command);
}
