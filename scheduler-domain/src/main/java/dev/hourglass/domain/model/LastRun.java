package dev.hourglass.domain.model;

import java.time.Instant;
import java.util.Objects;

/** What the most recent run of a job did. {@code error} is null unless the run failed or was interrupted. */
public record LastRun(Instant startedAt, RunStatus status, long durationMs, String error) {

    public LastRun {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(status, "status");
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must not be negative");
        }
        error = Utf8.truncate(error, RunRecord.MAX_OUTPUT_BYTES);
    }
}
