package dev.hourglass.persistence.postgres;

import dev.hourglass.persistence.jdbc.IncidentWrites;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Orders the transactions that change the jobs of one error signature across the cluster: each
 * takes a transaction advisory lock per signature before it counts the signature's jobs, so the one
 * that waits counts what the other committed (READ COMMITTED reads afresh per statement). Without
 * it, two instances each adding the third failing job would both count two (no incident), or both
 * count three (two incidents); two each removing one of the last three would both count two (a lost
 * resolve).
 *
 * <p>Keys are the signatures' hashes, taken in ascending order, so two transactions never wait for
 * each other in a circle; two signatures that share a hash merely share a lock. Row locks on the
 * jobs are all taken before (in id order), and nothing locks a job row after a signature.
 */
final class PostgresIncidentLocks implements IncidentWrites.SignatureLocks {

    static final PostgresIncidentLocks INSTANCE = new PostgresIncidentLocks();

    private static final String LOCK = "SELECT pg_advisory_xact_lock(" + PostgresLocks.INCIDENTS + ", ?)";

    private PostgresIncidentLocks() {
    }

    @Override
    public void lock(Connection connection, SortedSet<String> signatures) throws SQLException {
        SortedSet<Integer> keys = new TreeSet<>();
        signatures.forEach(signature -> keys.add(signature.hashCode()));
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            for (int key : keys) {
                lock.setInt(1, key);
                lock.executeQuery().close();
            }
        }
    }
}
