package dev.hourglass.domain.port.in;

import dev.hourglass.domain.error.InvalidInputException;
import dev.hourglass.domain.model.JobId;
import java.util.Objects;

/** Which job's history, and how many entries: 20 when not given, at most 100. */
public record HistoryQuery(JobId jobId, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public HistoryQuery {
        Objects.requireNonNull(jobId, "jobId");
        if (limit < 1) {
            throw new InvalidInputException("limit", "limit must be a positive integer, got " + limit);
        }
        limit = Math.min(limit, MAX_LIMIT);
    }

    public static HistoryQuery of(JobId jobId, Integer limit) {
        return new HistoryQuery(jobId, limit == null ? DEFAULT_LIMIT : limit);
    }
}
