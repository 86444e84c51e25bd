package dev.hourglass.persistence.sqlite;

import dev.hourglass.persistence.jdbc.JobColumns;

/** The statements over jobs that only SQLite's dialect reads this way: flags as 0/1, instants as text. */
final class SqliteSql {

    /** Jobs that may fire: the same terms as the partial index {@code jobs_due}, so SQLite uses it. */
    private static final String FIREABLE =
            " WHERE status = 'active' AND enabled = 1 AND claim_run_id IS NULL AND next_run_at IS NOT NULL"
            // A job its dependency holds does not fire (CONTRACT §11.1); its probe is released first.
            + " AND held_since IS NULL";

    static final String DUE = JobColumns.SELECT + FIREABLE + " AND next_run_at <= :now ORDER BY next_run_at, id";
    static final String DUE_LIMITED = DUE + " LIMIT :limit";
    static final String FIREABLE_IN_ORDER = JobColumns.SELECT + FIREABLE + " ORDER BY next_run_at, id";
    /** Claims whose owner is not a live instance: stopped, never registered, or silent past the cutoff. */
    static final String ORPHANED = JobColumns.SELECT + " WHERE claim_run_id IS NOT NULL AND (claim_owner IS NULL"
            + " OR claim_owner NOT IN (SELECT id FROM instances WHERE stopped_at IS NULL AND heartbeat_at >= :cutoff))"
            + " ORDER BY seq";

    private SqliteSql() {
    }
}
