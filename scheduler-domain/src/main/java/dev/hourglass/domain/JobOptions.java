package dev.hourglass.domain;

import dev.hourglass.domain.port.in.CreateJobCommand;
import dev.hourglass.domain.schedule.ScheduleSpec;
import java.time.Duration;

/**
 * The optional parts of a new job, for {@link Jobs#create(String, dev.hourglass.domain.schedule.ScheduleSpec,
 * String, JobOptions)}: start from {@link #defaults()} and change what differs.
 *
 * <pre>{@code
 * JobOptions.defaults().description("nightly charge run").dependency("payments").probeAfter(Duration.ofMinutes(10))
 * }</pre>
 *
 * @param description        shown to operators; null for none (at most 1000 characters)
 * @param enabled            a disabled job never fires; default true
 * @param deleteAfterRun     the job removes itself after its first successful run; default false
 * @param expectSuccessWithin the job turns stale without a successful run this often (at least a minute); null
 *                           for no watch
 * @param dependency         the outside system the job calls, whose breaker it shares; null for none
 * @param probeAfter         once its breaker trips, a trial run fires after this wait (at least a minute), and
 *                           a success revives the job; null to wait for an operator
 */
public record JobOptions(String description, boolean enabled, boolean deleteAfterRun, Duration expectSuccessWithin,
        String dependency, Duration probeAfter) {

    private static final JobOptions DEFAULTS = new JobOptions(null, true, false, null, null, null);

    /** No description, enabled, kept after it runs, not watched, no dependency, no probes. */
    public static JobOptions defaults() {
        return DEFAULTS;
    }

    public JobOptions description(String value) {
        return new JobOptions(value, enabled, deleteAfterRun, expectSuccessWithin, dependency, probeAfter);
    }

    public JobOptions enabled(boolean value) {
        return new JobOptions(description, value, deleteAfterRun, expectSuccessWithin, dependency, probeAfter);
    }

    public JobOptions deleteAfterRun(boolean value) {
        return new JobOptions(description, enabled, value, expectSuccessWithin, dependency, probeAfter);
    }

    public JobOptions expectSuccessWithin(Duration value) {
        return new JobOptions(description, enabled, deleteAfterRun, value, dependency, probeAfter);
    }

    public JobOptions dependency(String value) {
        return new JobOptions(description, enabled, deleteAfterRun, expectSuccessWithin, value, probeAfter);
    }

    public JobOptions probeAfter(Duration value) {
        return new JobOptions(description, enabled, deleteAfterRun, expectSuccessWithin, dependency, value);
    }

    /** These options for a job named {@code name}, checked as the API checks them. */
    CreateJobCommand command(String name, ScheduleSpec schedule, String task, String actor) {
        return new CreateJobCommand(name, description, enabled, schedule, task, deleteAfterRun, actor,
                expectSuccessWithin == null ? null : expectSuccessWithin.toMillis(), dependency,
                probeAfter == null ? null : CreateJobCommand.probe(probeAfter.toMillis()));
    }
}
