package dev.hourglass.domain.model;

import dev.hourglass.domain.error.InvalidInputException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which jobs a listing shows, newest first, and how many at a time (CONTRACT §7 paging): those in
 * {@code status}, whose name contains {@code nameContains} (ignoring case), that call
 * {@code dependency} (ignoring case); each filter is off when null. At most {@code limit} jobs per
 * page; {@code cursor}, when set, is the {@link JobPage#nextCursor()} of the page before, and the
 * listing goes on after it. Build one with {@link #all()} and the {@code with...} methods.
 */
public record JobQuery(JobStatus status, String nameContains, String dependency, int limit, String cursor) {

    /** The most jobs one page holds, and the page size when none is asked for. */
    public static final int MAX_LIMIT = 1000;

    private static final JobQuery ALL = new JobQuery(null, null, null, MAX_LIMIT, null);

    public JobQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        nameContains = nameContains == null || nameContains.isEmpty() ? null : nameContains;
        dependency = dependency == null || dependency.isEmpty() ? null : dependency;
        cursor = cursor == null || cursor.isEmpty() ? null : cursor;
    }

    /** Every job, the first {@link #MAX_LIMIT} of them. */
    public static JobQuery all() {
        return ALL;
    }

    public JobQuery withStatus(JobStatus value) {
        return new JobQuery(value, nameContains, dependency, limit, cursor);
    }

    public JobQuery withNameContaining(String value) {
        return new JobQuery(status, value, dependency, limit, cursor);
    }

    public JobQuery withDependency(String value) {
        return new JobQuery(status, nameContains, value, limit, cursor);
    }

    public JobQuery withLimit(int value) {
        return new JobQuery(status, nameContains, dependency, value, cursor);
    }

    /** The page after the one that gave {@code value} as its {@link JobPage#nextCursor()}. */
    public JobQuery after(String value) {
        return new JobQuery(status, nameContains, dependency, limit, value);
    }

    public Optional<JobStatus> statusFilter() {
        return Optional.ofNullable(status);
    }

    /** {@link #nameContains} as the stores compare it, against {@link Job#nameKey()}. */
    public Optional<String> nameKeyContains() {
        return Optional.ofNullable(nameContains).map(Job::nameKey);
    }

    /** {@link #dependency} as the stores compare it, against the job's dependency key. */
    public Optional<String> dependencyKey() {
        return Optional.ofNullable(dependency).map(JobDefinition::dependencyKey);
    }

    /** Whether {@code job} passes the filters (not the page bounds). */
    public boolean matches(Job job) {
        return (status == null || job.status() == status)
                && nameKeyContains().map(part -> job.nameKey().contains(part)).orElse(true)
                && dependencyKey().map(key -> job.dependencyKey().map(key::equals).orElse(false)).orElse(true);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "JobQuery[status=%s, nameContains=%s, dependency=%s, limit=%d, cursor=%s]",
                status, nameContains, dependency, limit, cursor);
    }
}
