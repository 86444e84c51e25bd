package dev.hourglass.domain.model;

/** Who made a change, as written into the audit log. */
public final class Actor {

    /** Operator actions when no other principal is known. */
    public static final String USER = "user";
    /** Changes the engine makes on its own (breaker trips, completions, sweeps). */
    public static final String SCHEDULER = "scheduler";

    public static final int MAX_LENGTH = 64;

    private Actor() {
    }
}
