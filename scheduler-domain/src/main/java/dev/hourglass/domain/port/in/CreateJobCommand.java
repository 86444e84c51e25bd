package dev.hourglass.domain.port.in;

import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.model.Actor;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.Probe;
import dev.hourglass.domain.model.Utf8;
import dev.hourglass.domain.schedule.ScheduleSpec;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request to create a job, valid by construction: the limits of the contract are checked here,
 * each refusal naming its field. {@code description}, {@code expectSuccessWithinMs}, {@code dependency}
 * and {@code probe} may be null;
 * the schedule is judged when the job is created, against the clock and the default zone. An edit
 * ({@link EditJobCommand}) checks each field it changes with the same rules.
 */
public record CreateJobCommand(
        String name,
        String description,
        boolean enabled,
        ScheduleSpec schedule,
        String task,
        boolean deleteAfterRun,
        String createdBy,
        Long expectSuccessWithinMs,
        String dependency,
        Probe probe) {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    public static final int MAX_TASK_BYTES = 32 * 1024;
    public static final int MAX_DEPENDENCY_LENGTH = 100;
    private static final Pattern DEPENDENCY = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_DEPENDENCY_LENGTH + "}");

    public CreateJobCommand {
        checkName(name);
        checkDescription(description);
        checkSchedule(schedule);
        checkTask(task);
        checkExpectSuccessWithinMs(expectSuccessWithinMs);
        checkDependency(dependency);
        createdBy = Objects.requireNonNullElse(createdBy, Actor.USER);
        if (createdBy.isBlank() || createdBy.length() > Actor.MAX_LENGTH) {
            throw new InvalidInputException("createdBy",
                    "createdBy must be 1 to " + Actor.MAX_LENGTH + " characters");
        }
    }

    /** A job that nobody watches for staleness, with no dependency and no automatic probes. */
    public CreateJobCommand(String name, String description, boolean enabled, ScheduleSpec schedule, String task,
            boolean deleteAfterRun, String createdBy) {
        this(name, description, enabled, schedule, task, deleteAfterRun, createdBy, null);
    }

    /** A job with no dependency and no automatic probes. */
    public CreateJobCommand(String name, String description, boolean enabled, ScheduleSpec schedule, String task,
            boolean deleteAfterRun, String createdBy, Long expectSuccessWithinMs) {
        this(name, description, enabled, schedule, task, deleteAfterRun, createdBy, expectSuccessWithinMs, null, null);
    }

    /** An enabled job, kept after it runs, created by {@code user}. */
    public static CreateJobCommand of(String name, ScheduleSpec schedule, String task) {
        return new CreateJobCommand(name, null, true, schedule, task, false, Actor.USER);
    }

    static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "name is required and must not be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("name",
                    "name must be at most " + MAX_NAME_LENGTH + " characters, got " + name.length());
        }
    }

    static void checkDescription(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new InvalidInputException("description",
                    "description must be at most " + MAX_DESCRIPTION_LENGTH + " characters, got " + description.length());
        }
    }

    static void checkSchedule(ScheduleSpec schedule) {
        if (schedule == null) {
            throw new InvalidInputException("schedule", "schedule is required");
        }
    }

    static void checkTask(String task) {
        if (task == null || task.isEmpty()) {
            throw new InvalidInputException("task", "task is required and must not be empty");
        }
        int taskBytes = Utf8.byteLength(task);
        if (taskBytes > MAX_TASK_BYTES) {
            throw InvalidInputException.taskTooLarge(taskBytes, MAX_TASK_BYTES);
        }
    }

    /** The opt-in to automatic probes every {@code afterMs}, refused below a minute naming {@code probe.afterMs}. */
    public static Probe probe(long afterMs) {
        if (afterMs < Probe.MIN_AFTER_MS) {
            throw new InvalidInputException("probe.afterMs", "probe.afterMs must be at least " + Probe.MIN_AFTER_MS
                    + " (one minute), got " + afterMs);
        }
        return new Probe(afterMs);
    }

    static void checkDependency(String dependency) {
        if (dependency != null && !DEPENDENCY.matcher(dependency).matches()) {
            throw new InvalidInputException("dependency", "dependency must be 1 to " + MAX_DEPENDENCY_LENGTH
                    + " characters of letters, digits, '.', '_', ':' and '-', or null");
        }
    }

    static void checkExpectSuccessWithinMs(Long value) {
        if (value != null && value < Job.MIN_EXPECT_SUCCESS_WITHIN_MS) {
            throw new InvalidInputException("expectSuccessWithinMs", "expectSuccessWithinMs must be at least "
                    + Job.MIN_EXPECT_SUCCESS_WITHIN_MS + " (one minute) or null, got " + value);
        }
    }
}
