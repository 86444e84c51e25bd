package dev.hourglass.persistence.postgres;

/** The advisory lock keys Hourglass takes on PostgreSQL; one namespace, so they never meet another application's by chance. */
final class PostgresLocks {

    /** High 32 bits of every key: "HRGL". */
    private static final long NAMESPACE = 0x4852474cL << 32;

    /** Held for the transaction of an insert: the job limit holds across instances. */
    static final long JOB_LIMIT = NAMESPACE | 1;

    private PostgresLocks() {
    }

    /** The first key of the two-key form, which singletons use: its own space, apart from {@link #JOB_LIMIT}'s. */
    static final int SINGLETONS = 0x4852474c;

    /** The first key of the two-key form for incident signatures ("HRGI"); the second is the signature's hash. */
    static final int INCIDENTS = 0x48524749;
}
