package dev.hourglass.persistence.postgres;

import dev.hourglass.persistence.jdbc.JobColumns;

/**
 * The statements only PostgreSQL reads this way: row locks that skip what others hold, and every
 * age measured by the database's {@code now()}. Durations are bound as milliseconds.
 */
final class PostgresSql {

    private static final String FIREABLE =
            " WHERE status = 'active' AND enabled AND claim_run_id IS NULL AND next_run_at IS NOT NULL"
            // A job its dependency holds does not fire (CONTRACT §11.1); its probe is released first.
            + " AND held_since IS NULL";

    static final String DUE = JobColumns.SELECT + FIREABLE + " AND next_run_at <= :now ORDER BY next_run_at, id";
    /** The first fireable rows: the driver reads a whole result before the first row, so it must be short. */
    static final String FIREABLE_IN_ORDER = JobColumns.SELECT + FIREABLE + " ORDER BY next_run_at, id LIMIT :limit";

    /**
     * Claims in one statement: the earliest due rows that nobody else has locked, up to the limit,
     * each paired by position with one of the run ids bound as an array, and returned as stored.
     */
    static final String CLAIM = "WITH due AS (SELECT id, row_number() OVER (ORDER BY next_run_at, id) AS n FROM"
            + " (SELECT id, next_run_at FROM jobs" + FIREABLE + " AND next_run_at <= :due_by AND NOT (id = ANY(:skip))"
            + " ORDER BY next_run_at, id LIMIT :limit FOR UPDATE SKIP LOCKED) AS locked),"
            + " ids AS (SELECT run_id, n FROM unnest(CAST(:run_ids AS text[])) WITH ORDINALITY AS r (run_id, n))"
            + " UPDATE jobs SET claim_run_id = ids.run_id, claim_planned_at = jobs.next_run_at, claimed_at = :now,"
            + " claim_version = jobs.version + 1, claim_owner = :owner, claim_epoch = 1, version = jobs.version + 1,"
            + " updated_at = :now FROM due JOIN ids USING (n) WHERE jobs.id = due.id RETURNING "
            + String.join(", ", JobColumns.NAMES.stream().map(name -> "jobs." + name).toList());

    /** Locks the rows a group of writes touches, in id order, so two writers never wait for each other in a circle. */
    static final String LOCK_IN_ORDER = "SELECT id FROM jobs WHERE id = ANY(?) ORDER BY id FOR UPDATE";

    /** One lock for every insert: the count and the insert are one step across the cluster. */
    static final String INSERT_LOCK = "SELECT pg_advisory_xact_lock(" + PostgresLocks.JOB_LIMIT + ")";

    private static final String ALIVE = "stopped_at IS NULL AND heartbeat_at >= now() - :lease_ms * interval '1 millisecond'";

    static final String ORPHANED = JobColumns.SELECT + " WHERE claim_run_id IS NOT NULL AND (claim_owner IS NULL"
            + " OR claim_owner NOT IN (SELECT id FROM instances WHERE " + ALIVE + ")) ORDER BY seq";

    static final String REGISTER = "INSERT INTO instances (id, name, started_at, heartbeat_at) VALUES"
            + " (:id, :name, now(), now()) ON CONFLICT (id) DO UPDATE SET name = :name, heartbeat_at = now(),"
            + " stopped_at = NULL";
    static final String RENEW = "UPDATE instances SET heartbeat_at = now() WHERE id = :id AND " + ALIVE;
    static final String DEREGISTER = "UPDATE instances SET stopped_at = now() WHERE id = :id";
    static final String RECENT = "SELECT id, name, started_at, heartbeat_at, (" + ALIVE + ") AS alive FROM instances"
            + " WHERE heartbeat_at >= now() - interval '24 hours' ORDER BY alive DESC, started_at";

    private PostgresSql() {
    }
}
