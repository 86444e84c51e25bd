package dev.hourglass.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One alert, written to the durable outbox in the same transaction as the change that caused it
 * and delivered at least once; {@code id} is its {@code Idempotency-Key}.
 *
 * @param subjectId   what it is about: a job id, a dependency name, an incident id
 * @param subjectName the job's name, or the dependency's
 * @param count       the number the kind reports: a job's consecutive errors, the jobs held or involved
 * @param detail      the last error, the cause or the signature; may be null
 */
public record Alert(String id, AlertKind kind, String subjectId, String subjectName, int count, String detail,
        Instant createdAt) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(subjectName, "subjectName");
        Objects.requireNonNull(createdAt, "createdAt");
        detail = Utf8.truncate(detail, RunRecord.MAX_OUTPUT_BYTES);
    }

    /** A job's breaker tripped: {@code job} is the failed job as stored. */
    public static Alert jobFailed(String id, Job job, Instant now) {
        return new Alert(id, AlertKind.JOB_FAILED, job.id().value(), job.name(), job.consecutiveErrors(),
                job.lastError(), now);
    }

    /**
     * A dependency's breaker opened (CONTRACT §11.1): {@code dependency} as stored then; the count is
     * the jobs it holds, the detail its cause.
     */
    public static Alert dependencyOpened(String id, Dependency dependency, int held, Instant now) {
        return new Alert(id, AlertKind.DEPENDENCY_OPEN, dependency.key(), dependency.name(), held,
                dependency.cause(), now);
    }

    /** A dependency's breaker closed: the count is the jobs it released, the detail says why it closed. */
    public static Alert dependencyClosed(String id, Dependency dependency, int released, String why, Instant now) {
        return new Alert(id, AlertKind.DEPENDENCY_CLOSED, dependency.key(), dependency.name(), released, why, now);
    }

    /**
     * A watched job went without a successful run for longer than it should: {@code job} as it was
     * found; the count is its consecutive errors, the detail says since when it has been waiting.
     */
    public static Alert jobStale(String id, Job job, Instant now) {
        Instant since = job.lastSuccessAt() == null ? job.createdAt() : job.lastSuccessAt();
        String detail = (job.lastSuccessAt() == null ? "no successful run since its creation at "
                : "no successful run since ") + since + "; expected one within " + job.expectSuccessWithinMs() + " ms";
        return new Alert(id, AlertKind.JOB_STALE, job.id().value(), job.name(), job.consecutiveErrors(), detail, now);
    }
}
