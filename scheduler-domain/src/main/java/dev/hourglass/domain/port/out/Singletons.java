package dev.hourglass.domain.port.out;

/**
 * Work that must run on one instance at a time in a cluster sharing a store: the takeover scan,
 * the 30-day sweep with audit retention, the alert outbox. A store that one process owns (SQLite)
 * runs everything at once ({@link #ONE_PROCESS}); a shared one holds a lock for the task (PostgreSQL:
 * an advisory lock), so another instance asking meanwhile skips its turn rather than waiting.
 */
public interface Singletons {

    /** Task names, one lock each. */
    String STARTUP = "startup";
    String TAKEOVER = "takeover";
    String SWEEP = "sweep";
    String ALERTS = "alerts";

    /** Every task runs: only one process uses the store. */
    Singletons ONE_PROCESS = (task, work) -> {
        work.run();
        return true;
    };

    /**
     * Runs {@code work} when no other instance is running {@code task}, holding the task's lock until
     * it returns; otherwise runs nothing.
     *
     * @return whether {@code work} ran
     */
    boolean runExclusively(String task, Runnable work);
}
