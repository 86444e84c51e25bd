package dev.hourglass.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a job's run history. {@code plannedAt} is null for a manual run; {@code error} and
 * {@code output} may be null; {@code instance} is the instance that ran it (null for runs recorded
 * before instances were known); {@code probe} marks a trial run of a failed job (CONTRACT §11.2).
 * Output is kept to its first {@value #MAX_OUTPUT_BYTES} bytes.
 */
public record RunRecord(
        RunId runId,
        JobId jobId,
        Instant plannedAt,
        Instant startedAt,
        long durationMs,
        RunStatus status,
        String error,
        String output,
        InstanceId instance,
        boolean probe) {

    public static final int MAX_OUTPUT_BYTES = 4096;

    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(status, "status");
        output = Utf8.truncate(output, MAX_OUTPUT_BYTES);
        error = Utf8.truncate(error, MAX_OUTPUT_BYTES);
    }

    /** A run that is not a probe. */
    public RunRecord(RunId runId, JobId jobId, Instant plannedAt, Instant startedAt, long durationMs, RunStatus status,
            String error, String output, InstanceId instance) {
        this(runId, jobId, plannedAt, startedAt, durationMs, status, error, output, instance, false);
    }
}
