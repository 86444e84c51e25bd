package dev.hourglass.persistence.postgres;

/** The advisory lock keys Hourglass takes on PostgreSQL; one namespace, so they never meet another application's by chance. */
final class PostgresLocks {

    /** High 32 bits of every key: "HRGL". */
    private static final long NAMESPACE = 0x4852474cL << 32;

    /** Held for the transaction of an insert: the job limit holds across instances. */
    static final long JOB_LIMIT = NAMESPACE | 1;

    private PostgresLocks() {
    }

    /** The key of a named singleton task. */
    static long singleton(String task) {
        return NAMESPACE | 0x1000 | (task.hashCode() & 0xfffL);
    }
}
