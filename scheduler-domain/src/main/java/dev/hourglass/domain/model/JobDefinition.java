package dev.hourglass.domain.model;

import dev.hourglass.domain.schedule.Schedule;
import java.util.Objects;

/**
 * What an operator defines about a job, and may change with an edit: everything but its identity
 * (id, createdAt, createdBy) and its state. {@code description} and {@code expectSuccessWithinMs}
 * may be null. Limits are the commands' to check; this is the value the store keeps per revision.
 */
public record JobDefinition(String name, String description, boolean enabled, Schedule schedule, String task,
        boolean deleteAfterRun, Long expectSuccessWithinMs) {

    public JobDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(task, "task");
    }
}
