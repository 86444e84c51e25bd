package dev.hourglass.domain.model;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/**
 * Counts over all jobs. {@code recentFailures} counts active jobs that failed at least once since
 * their last success; {@code nextFireAt} is the earliest next run, or null; {@code stale} counts the
 * jobs in an open stale episode ({@link Job#isStale()}); {@code openDependencies} the dependencies
 * that hold their jobs (open or half-open, CONTRACT §11.1), which the jobs alone do not tell.
 */
public record JobSummary(
        int total, int active, int paused, int completed, int failed, Instant nextFireAt, int recentFailures,
        int stale, int openDependencies) {

    public JobSummary(int total, int active, int paused, int completed, int failed, Instant nextFireAt,
            int recentFailures, int stale) {
        this(total, active, paused, completed, failed, nextFireAt, recentFailures, stale, 0);
    }

    public JobSummary(int total, int active, int paused, int completed, int failed, Instant nextFireAt,
            int recentFailures) {
        this(total, active, paused, completed, failed, nextFireAt, recentFailures, 0);
    }

    public static JobSummary of(Collection<Job> jobs) {
        int active = 0;
        int paused = 0;
        int completed = 0;
        int failed = 0;
        int recentFailures = 0;
        int stale = 0;
        for (Job job : jobs) {
            if (job.isStale()) {
                stale++;
            }
            switch (job.status()) {
                case ACTIVE -> {
                    active++;
                    if (job.consecutiveErrors() > 0) {
                        recentFailures++;
                    }
                }
                case PAUSED -> paused++;
                case COMPLETED -> completed++;
                case FAILED -> failed++;
            }
        }
        Instant nextFireAt = jobs.stream()
                .filter(job -> !job.heldByDependency())
                .map(Job::nextRunAt)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(null);
        return new JobSummary(jobs.size(), active, paused, completed, failed, nextFireAt, recentFailures, stale);
    }

    /** The same counts, with {@code count} dependencies holding their jobs. */
    public JobSummary withOpenDependencies(int count) {
        return new JobSummary(total, active, paused, completed, failed, nextFireAt, recentFailures, stale, count);
    }
}
