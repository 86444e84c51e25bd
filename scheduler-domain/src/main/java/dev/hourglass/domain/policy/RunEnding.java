package dev.hourglass.domain.policy;

/** How a run ended, as far as the job's status is concerned: the engine's own operations on the state machine. */
public enum RunEnding {
    /** Success, and the schedule fires again. */
    SUCCEEDED,
    /** Success, and the schedule has no fire left (a one-shot). */
    FINISHED,
    /** Success of a {@code deleteAfterRun} job: it completes and removes itself. */
    FINISHED_AND_REMOVED,
    /** An error below the breaker's limit: retried after a backoff. */
    FAILED,
    /** The error that reaches the breaker's limit. */
    FAILED_AT_LIMIT,
    /** Success of a probe, the trial run of a failed job: the job revives. */
    PROBE_SUCCEEDED,
    /** An error of a probe: the job stays failed and probes again later. */
    PROBE_FAILED
}
