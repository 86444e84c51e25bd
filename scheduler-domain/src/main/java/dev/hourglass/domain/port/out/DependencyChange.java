package dev.hourglass.domain.port.out;

import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.Dependency;
import java.util.List;
import java.util.Objects;

/**
 * One change to a dependency's breaker with the changes to its jobs and the alerts it raises
 * (CONTRACT §11.1), applied whole or not at all: only while the stored dependency is still at
 * {@code expectedVersion} (0: not stored yet) and every job write still applies. {@code after} is
 * the dependency as it is then stored, at the next version, or null when the change only reads the
 * dependency's state (the job writes were decided on it) and leaves it as it is.
 */
public record DependencyChange(String key, long expectedVersion, Dependency after, List<JobWrite> jobs,
        List<Alert> alerts) {

    public DependencyChange {
        Objects.requireNonNull(key, "key");
        jobs = List.copyOf(jobs);
        alerts = List.copyOf(alerts);
        if (after != null && (!after.key().equals(key) || after.version() != expectedVersion + 1)) {
            throw new IllegalArgumentException("a changed dependency keeps its key and takes the next version");
        }
        if (expectedVersion < 0) {
            throw new IllegalArgumentException("versions are not negative");
        }
    }

    /** Stores {@code after} in place of {@code before}, which must still be what is stored, with {@code jobs}. */
    public static DependencyChange of(Dependency before, Dependency after, List<? extends JobWrite> jobs,
            List<Alert> alerts) {
        return new DependencyChange(before.key(), before.version(), after.withVersion(before.version() + 1),
                List.copyOf(jobs), alerts);
    }

    /** Applies {@code jobs} only while {@code seen} is still what is stored; the dependency stays as it is. */
    public static DependencyChange guarded(Dependency seen, List<? extends JobWrite> jobs) {
        return new DependencyChange(seen.key(), seen.version(), null, List.copyOf(jobs), List.of());
    }

    public boolean changesDependency() {
        return after != null;
    }
}
