package dev.hourglass.domain.port.in;

import dev.hourglass.domain.model.DependencyStatus;
import java.util.List;

public interface ListDependenciesUseCase {

    /** Every dependency some job names, with its breaker's state, by name; one no job names is not listed. */
    List<DependencyStatus> dependencies();
}
