package dev.hourglass.domain.port.in;

import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobDefinition;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.LastRun;
import dev.hourglass.domain.model.RunStatus;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which jobs a bulk resume (CONTRACT §11.4) is about: those matching every criterion given, at least
 * one of them. Null is a criterion not given.
 *
 * @param ids         these jobs (1 to {@value #MAX_IDS})
 * @param status      jobs in this status
 * @param dependency  jobs calling this dependency, compared case-insensitively (§11.1)
 * @param incident    jobs failing with the signature of this incident, while it is open (§11.3)
 * @param failedSince jobs whose last run failed and started at or after this instant
 */
public record ResumeFilter(Set<JobId> ids, JobStatus status, String dependency, String incident,
        Instant failedSince) {

    public static final int MAX_IDS = 1000;

    public ResumeFilter {
        if (ids != null) {
            if (ids.isEmpty()) {
                throw new InvalidInputException("filter.ids", "filter.ids must name at least one job");
            }
            if (ids.size() > MAX_IDS) {
                throw new InvalidInputException("filter.ids",
                        "filter.ids may name at most " + MAX_IDS + " jobs, got " + ids.size());
            }
            ids.forEach(id -> Objects.requireNonNull(id, "filter.ids"));
            ids = Set.copyOf(new LinkedHashSet<>(ids));
        }
        if (ids == null && status == null && dependency == null && incident == null && failedSince == null) {
            throw new InvalidInputException("filter", "filter needs at least one of ids, status, dependency, "
                    + "incident, failedSince: a bulk resume never means every job");
        }
    }

    public static ResumeFilter ids(Set<JobId> ids) {
        return new ResumeFilter(ids, null, null, null, null);
    }

    public static ResumeFilter status(JobStatus status) {
        return new ResumeFilter(null, Objects.requireNonNull(status, "status"), null, null, null);
    }

    public static ResumeFilter dependency(String dependency) {
        return new ResumeFilter(null, null, Objects.requireNonNull(dependency, "dependency"), null, null);
    }

    public static ResumeFilter incident(String incidentId) {
        return new ResumeFilter(null, null, null, Objects.requireNonNull(incidentId, "incident"), null);
    }

    public static ResumeFilter failedSince(Instant since) {
        return new ResumeFilter(null, null, null, null, Objects.requireNonNull(since, "failedSince"));
    }

    /** The same filter, also requiring {@code value} as status. */
    public ResumeFilter andStatus(JobStatus value) {
        return new ResumeFilter(ids, value, dependency, incident, failedSince);
    }

    /** The same filter, also requiring a failed last run started at or after {@code value}. */
    public ResumeFilter andFailedSince(Instant value) {
        return new ResumeFilter(ids, status, dependency, incident, value);
    }

    /** The same filter, also requiring the dependency {@code value}. */
    public ResumeFilter andDependency(String value) {
        return new ResumeFilter(ids, status, value, incident, failedSince);
    }

    /**
     * Whether {@code job} meets the criteria a job alone can tell: ids, status, dependency and
     * failedSince. The incident criterion is the caller's to apply, against the incident's jobs.
     */
    public boolean matches(Job job) {
        if (ids != null && !ids.contains(job.id())) {
            return false;
        }
        if (status != null && job.status() != status) {
            return false;
        }
        if (dependency != null && !job.dependencyKey().map(JobDefinition.dependencyKey(dependency)::equals)
                .orElse(false)) {
            return false;
        }
        if (failedSince != null) {
            LastRun last = job.lastRun();
            return last != null && last.status() == RunStatus.ERROR && !last.startedAt().isBefore(failedSince);
        }
        return true;
    }
}
