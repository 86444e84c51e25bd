package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.Dependency;
import dev.hourglass.domain.model.DependencyUsage;
import dev.hourglass.domain.model.Job;
import java.util.List;
import java.util.Optional;

/**
 * Where the breakers of dependencies live (CONTRACT §11.1), shared by every instance of a store:
 * their state, their fault windows, and the jobs that name them. A dependency that was never stored
 * is closed. Every change is version-checked and atomic with the changes to its jobs.
 */
public interface Dependencies {

    /** The stored breaker of the dependency with {@code key}, if any. */
    Optional<Dependency> dependency(String key);

    /** Every stored breaker, by key. */
    List<Dependency> dependencies();

    /** The readable jobs whose dependency has {@code key}, oldest first. */
    List<Job> jobsOf(String key);

    /** For each dependency that jobs name, how many name it and how many it holds, by key. */
    List<DependencyUsage> dependencyUsage();

    /**
     * Applies {@code change} in one transaction, whole or not at all: false (and nothing changed)
     * when the stored dependency is no longer at its expected version or a job write does not apply.
     */
    boolean apply(DependencyChange change);
}
