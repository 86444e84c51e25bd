package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.DependencyStatus;

public interface CloseDependencyUseCase {

    /**
     * Closes a dependency now (CONTRACT §11.1): its held jobs are released, the fires that waited
     * paced, each job audited {@code dependency_close}. Closing a closed dependency changes nothing.
     *
     * @throws dev.hourglass.domain.error.DependencyNotFoundException when no job names it
     */
    DependencyStatus close(CloseDependencyCommand command);
}
