package dev.hourglass.persistence.postgres;

import dev.hourglass.domain.port.out.Singletons;
import dev.hourglass.persistence.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Singleton tasks under PostgreSQL session advisory locks ({@code pg_try_advisory_lock}), one key
 * per task: the lock is held on a connection set aside for the task while it runs, and unlocked
 * after; an instance that dies holding it loses it with its connection, so the next one can go.
 */
final class PostgresSingletons implements Singletons {

    private final DataSource pool;

    PostgresSingletons(DataSource pool) {
        this.pool = pool;
    }

    /**
     * How long the lock's connection may sit idle before the server ends its session, and the lock
     * with it. The connection idles while the task works on others; a holder that freezes (SIGSTOP,
     * a paused VM) would otherwise keep the lock, and with it the takeover scan, from every live
     * instance for as long as it is frozen. A task that outlasts this may run twice at once, which
     * every singleton tolerates (its writes are version-checked, alerts are delivered at least once).
     */
    static final int IDLE_LIMIT_MS = 3_000;

    @Override
    public boolean runExclusively(String task, Runnable work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(true);
            if (!lock(connection, "SELECT pg_try_advisory_lock(?, ?)", task)) {
                return false;
            }
            execute(connection, "SET idle_session_timeout = " + IDLE_LIMIT_MS);
            try {
                work.run();
                return true;
            } finally {
                release(connection, task);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot take the lock of task " + task + ": " + e.getMessage(), e);
        }
    }

    /** Unlocks; a session the server ended meanwhile holds no lock any more, and the pool drops it. */
    private static void release(Connection connection, String task) {
        try {
            execute(connection, "SET idle_session_timeout = 0");
            lock(connection, "SELECT pg_advisory_unlock(?, ?)", task);
        } catch (SQLException e) {
            // The session is gone, and its lock with it.
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static boolean lock(Connection connection, String sql, String task) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, PostgresLocks.SINGLETONS);
            statement.setInt(2, task.hashCode());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
