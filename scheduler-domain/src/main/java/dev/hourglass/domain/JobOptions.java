package dev.hourglass.domain;

/**
 * The optional parts of a new job, for {@link Jobs#create(String, dev.hourglass.domain.schedule.ScheduleSpec,
 * String, JobOptions)}: start from {@link #defaults()} and change what differs.
 *
 * <pre>{@code
 * JobOptions.defaults().description("nightly charge run").deleteAfterRun(true)
 * }</pre>
 *
 * @param description    shown to operators; null for none (at most 1000 characters)
 * @param enabled        a disabled job never fires; default true
 * @param deleteAfterRun the job removes itself after its first successful run; default false
 */
public record JobOptions(String description, boolean enabled, boolean deleteAfterRun) {

    private static final JobOptions DEFAULTS = new JobOptions(null, true, false);

    /** No description, enabled, kept after it runs. */
    public static JobOptions defaults() {
        return DEFAULTS;
    }

    public JobOptions description(String value) {
        return new JobOptions(value, enabled, deleteAfterRun);
    }

    public JobOptions enabled(boolean value) {
        return new JobOptions(description, value, deleteAfterRun);
    }

    public JobOptions deleteAfterRun(boolean value) {
        return new JobOptions(description, enabled, value);
    }
}
