package dev.hourglass.domain.model;

import dev.hourglass.domain.schedule.Schedule;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What an operator defines about a job, and may change with an edit: everything but its identity
 * (id, createdAt, createdBy) and its state. {@code description}, {@code expectSuccessWithinMs},
 * {@code dependency} (the outside system the job calls, CONTRACT §11.1) and {@code probe} (its
 * opt-in to automatic probes, §11.2) may be null. Limits are the commands' to check; this is the
 * value the store keeps per revision.
 */
public record JobDefinition(String name, String description, boolean enabled, Schedule schedule, String task,
        boolean deleteAfterRun, Long expectSuccessWithinMs, String dependency, Probe probe) {

    public JobDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(task, "task");
    }

    /** A definition with no dependency and no automatic probes. */
    public JobDefinition(String name, String description, boolean enabled, Schedule schedule, String task,
            boolean deleteAfterRun, Long expectSuccessWithinMs) {
        this(name, description, enabled, schedule, task, deleteAfterRun, expectSuccessWithinMs, null, null);
    }

    /** The key under which dependencies are the same: case-insensitive, independent of the JVM locale. */
    public static String dependencyKey(String dependency) {
        return dependency.toLowerCase(Locale.ROOT);
    }

    public Optional<String> dependencyKey() {
        return Optional.ofNullable(dependency).map(JobDefinition::dependencyKey);
    }
}
