package dev.hourglass.domain.policy;

/** An instant the engine watches for, besides fires: what happens when it passes is {@link Lifecycle}'s call. */
public enum Deadline {
    /** The end of a timed pause (CONTRACT §12.2). */
    PAUSE_ENDED
}
