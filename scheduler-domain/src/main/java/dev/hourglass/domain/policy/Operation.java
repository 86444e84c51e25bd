package dev.hourglass.domain.policy;

/** What an operator can ask of a job. */
public enum Operation {
    PAUSE, RESUME, FORCE_RESUME, RUN_NOW, DELETE,
    /** Change the job's definition (CONTRACT §12.1); its status stays. */
    EDIT,
    /**
     * A pause that sets or replaces an end ({@code pause} with {@code until}, CONTRACT §12.2), or
     * that replaces the end of a timed pause with none: unlike {@link #PAUSE}, it re-pauses a paused job.
     */
    PAUSE_UNTIL
}
