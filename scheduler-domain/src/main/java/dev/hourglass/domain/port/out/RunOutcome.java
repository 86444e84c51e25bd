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
        return new Failed(error, null, false);
    }

    static Failed failed(String error, Duration retryAfter) {
        return new Failed(error, retryAfter, false);
    }

    /**
     * The task failed because what it calls is unavailable rather than the job being wrong (CONTRACT
     * §6: rate-limited, overloaded, down, not answering): a <em>dependency fault</em>, which drives
     * the breaker of the job's dependency (§11.1). For a job without a dependency it is an ordinary
     * error. {@code retryAfter} may be null.
     */
    static Failed unavailable(String error, Duration retryAfter) {
        return new Failed(error, retryAfter, true);
    }

    /** The task succeeded; {@code output} may be null. */
    record Ok(String output) implements RunOutcome {
    }

    /**
     * The task failed. {@code retryAfter}, when present, is the earliest the task's target will take
     * another try (an HTTP 429/503 {@code Retry-After}); the retry is never planned sooner. Hints
     * are capped at {@link #MAX_RETRY_AFTER}. {@code dependencyFault} says the target was unavailable
     * (see {@link RunOutcome#unavailable}).
     *
     * <p>Two failures are equal when their error and hint are: whether a failure is a dependency
     * fault decides how a job's dependency treats it, not what happened to the run, and round 1's
     * failures (which knew no faults) compare as they always did.
     */
    record Failed(String error, Duration retryAfter, boolean dependencyFault) implements RunOutcome {

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

        /** An ordinary failure, not a dependency fault. */
        public Failed(String error, Duration retryAfter) {
            this(error, retryAfter, false);
        }

        public Optional<Duration> retryAfterHint() {
            return Optional.ofNullable(retryAfter);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Failed that && error.equals(that.error)
                    && Objects.equals(retryAfter, that.retryAfter);
        }

        @Override
        public int hashCode() {
            return Objects.hash(error, retryAfter);
        }
    }
}
