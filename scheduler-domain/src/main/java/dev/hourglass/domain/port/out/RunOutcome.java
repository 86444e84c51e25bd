package dev.hourglass.domain.port.out;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What a task runner reports for one run. */
public sealed interface RunOutcome permits RunOutcome.Ok, RunOutcome.Failed {

    static Ok ok(String output) {
        return new Ok(output);
    }

    static Failed failed(String error) {
        return new Failed(error, null);
    }

    static Failed failed(String error, Duration retryAfter) {
        return new Failed(error, retryAfter);
    }

    /** The task succeeded; {@code output} may be null. */
    record Ok(String output) implements RunOutcome {
    }

    /**
     * The task failed. {@code retryAfter}, when present, is the earliest the task's target will take
     * another try (an HTTP 429/503 {@code Retry-After}); the retry is never planned sooner. Hints
     * are capped at {@link #MAX_RETRY_AFTER}.
     */
    record Failed(String error, Duration retryAfter) implements RunOutcome {

        /** The longest a hint may hold a retry back; longer hints are taken as this. */
        public static final Duration MAX_RETRY_AFTER = Duration.ofDays(7);

        public Failed {
            Objects.requireNonNull(error, "error");
            if (retryAfter != null && retryAfter.isNegative()) {
                retryAfter = Duration.ZERO;
            }
            if (retryAfter != null && retryAfter.compareTo(MAX_RETRY_AFTER) > 0) {
                retryAfter = MAX_RETRY_AFTER;
            }
        }

        public Optional<Duration> retryAfterHint() {
            return Optional.ofNullable(retryAfter);
        }
    }
}
