package dev.hourglass.domain.policy;

/** What can happen to a dependency's breaker (CONTRACT §11.1): run endings, its deadline, operators. */
public enum DependencyEvent {
    /** A run of one of its jobs succeeded (not the probe). */
    RUN_SUCCEEDED,
    /** A run of one of its jobs ended in an error that is not a dependency fault (not the probe). */
    RUN_ERRED,
    /** A run of one of its jobs ended in a dependency fault, below the threshold (not the probe). */
    RUN_FAULTED,
    /** A dependency fault that makes the threshold: enough distinct jobs faulted within the window. */
    RUN_FAULTED_AT_THRESHOLD,
    /** The probe succeeded. */
    PROBE_SUCCEEDED,
    /** The probe ended in a dependency fault. */
    PROBE_FAULTED,
    /** The probe ended in an error that is not a dependency fault. */
    PROBE_ERRED,
    /** The open period passed. */
    OPEN_PERIOD_ENDED,
    /** An operator holds the dependency until an instant ({@code POST .../dependencies/{name}/open}). */
    HOLD,
    /** An operator closes the dependency ({@code POST .../dependencies/{name}/close}). */
    CLOSE
}
