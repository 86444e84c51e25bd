package dev.hourglass.domain;

import dev.hourglass.domain.schedule.ScheduleSpec;
import java.util.Objects;

/**
 * One job of a batch for {@link Jobs#createAll(java.util.List)}: what {@link Jobs#create(String,
 * ScheduleSpec, String, JobOptions)} takes, as a value.
 *
 * <pre>{@code
 * jobs.createAll(List.of(
 *         NewJob.of("sync-eu", Schedules.every(Duration.ofMinutes(5)), "{\"region\":\"eu\"}"),
 *         NewJob.of("sync-us", Schedules.every(Duration.ofMinutes(5)), "{\"region\":\"us\"}")
 *                 .with(JobOptions.defaults().dependency("crm"))));
 * }</pre>
 */
public record NewJob(String name, ScheduleSpec schedule, String task, JobOptions options) {

    public NewJob {
        Objects.requireNonNull(options, "options");
    }

    /** An enabled job, kept after it runs ({@link JobOptions#defaults()}). */
    public static NewJob of(String name, ScheduleSpec schedule, String task) {
        return new NewJob(name, schedule, task, JobOptions.defaults());
    }

    public NewJob with(JobOptions value) {
        return new NewJob(name, schedule, task, value);
    }
}
