package dev.hourglass.domain.port.in;

import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.Probe;
import dev.hourglass.domain.schedule.ScheduleSpec;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A request to edit a job: the {@code fields} it changes and their new values, each checked as
 * {@link CreateJobCommand} checks it. A field not named keeps its value; {@code description},
 * {@code expectSuccessWithinMs}, {@code dependency} and {@code probe} named with null are cleared. With {@code expectedRevision}, the
 * edit applies only while the job is still at that revision. Build one with {@link #of}.
 */
public record EditJobCommand(JobId jobId, Set<Field> fields, String name, String description, Boolean enabled,
        ScheduleSpec schedule, String task, Boolean deleteAfterRun, Long expectSuccessWithinMs, String dependency,
        Probe probe, Long expectedRevision, String actor) {

    /** The fields an edit may change, by their names in the API. */
    public enum Field {
        NAME("name"), DESCRIPTION("description"), ENABLED("enabled"), SCHEDULE("schedule"), TASK("task"),
        DELETE_AFTER_RUN("deleteAfterRun"), EXPECT_SUCCESS_WITHIN_MS("expectSuccessWithinMs"),
        DEPENDENCY("dependency"), PROBE("probe");

        private final String wireName;

        Field(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public EditJobCommand {
        Objects.requireNonNull(jobId, "jobId");
        fields = fields.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(fields));
        if (fields.contains(Field.NAME)) {
            CreateJobCommand.checkName(name);
        }
        if (fields.contains(Field.DESCRIPTION)) {
            CreateJobCommand.checkDescription(description);
        }
        if (fields.contains(Field.ENABLED)) {
            requirePresent(enabled, Field.ENABLED);
        }
        if (fields.contains(Field.SCHEDULE)) {
            CreateJobCommand.checkSchedule(schedule);
        }
        if (fields.contains(Field.TASK)) {
            CreateJobCommand.checkTask(task);
        }
        if (fields.contains(Field.DELETE_AFTER_RUN)) {
            requirePresent(deleteAfterRun, Field.DELETE_AFTER_RUN);
        }
        if (fields.contains(Field.EXPECT_SUCCESS_WITHIN_MS)) {
            CreateJobCommand.checkExpectSuccessWithinMs(expectSuccessWithinMs);
        }
        if (fields.contains(Field.DEPENDENCY)) {
            CreateJobCommand.checkDependency(dependency);
        }
        if (expectedRevision != null && expectedRevision < 1) {
            throw new InvalidInputException("If-Match", "the expected revision must be a positive integer");
        }
        actor = OperatorNote.actor(actor);
    }

    public boolean changes(Field field) {
        return fields.contains(field);
    }

    /** An edit of {@code jobId} by {@code actor} that changes nothing yet. */
    public static Builder of(JobId jobId, String actor) {
        return new Builder(jobId, actor);
    }

    private static void requirePresent(Boolean value, Field field) {
        if (value == null) {
            throw new InvalidInputException(field.wireName(), field.wireName() + " must be true or false");
        }
    }

    /** Collects the fields to change; {@link #build()} checks them. */
    public static final class Builder {

        private final JobId jobId;
        private final String actor;
        private final Set<Field> fields = EnumSet.noneOf(Field.class);
        private String name;
        private String description;
        private Boolean enabled;
        private ScheduleSpec schedule;
        private String task;
        private Boolean deleteAfterRun;
        private Long expectSuccessWithinMs;
        private String dependency;
        private Probe probe;
        private Long expectedRevision;

        private Builder(JobId jobId, String actor) {
            this.jobId = jobId;
            this.actor = actor;
        }

        public Builder name(String value) {
            fields.add(Field.NAME);
            name = value;
            return this;
        }

        public Builder description(String value) {
            fields.add(Field.DESCRIPTION);
            description = value;
            return this;
        }

        public Builder enabled(Boolean value) {
            fields.add(Field.ENABLED);
            enabled = value;
            return this;
        }

        public Builder schedule(ScheduleSpec value) {
            fields.add(Field.SCHEDULE);
            schedule = value;
            return this;
        }

        public Builder task(String value) {
            fields.add(Field.TASK);
            task = value;
            return this;
        }

        public Builder deleteAfterRun(Boolean value) {
            fields.add(Field.DELETE_AFTER_RUN);
            deleteAfterRun = value;
            return this;
        }

        public Builder expectSuccessWithinMs(Long value) {
            fields.add(Field.EXPECT_SUCCESS_WITHIN_MS);
            expectSuccessWithinMs = value;
            return this;
        }

        public Builder dependency(String value) {
            fields.add(Field.DEPENDENCY);
            dependency = value;
            return this;
        }

        public Builder probe(Probe value) {
            fields.add(Field.PROBE);
            probe = value;
            return this;
        }

        /** Applies only while the job is at {@code revision} (an HTTP {@code If-Match}). */
        public Builder ifRevision(Long revision) {
            expectedRevision = revision;
            return this;
        }

        public EditJobCommand build() {
            return new EditJobCommand(jobId, fields, name, description, enabled, schedule, task, deleteAfterRun,
                    expectSuccessWithinMs, dependency, probe, expectedRevision, actor);
        }
    }
}
