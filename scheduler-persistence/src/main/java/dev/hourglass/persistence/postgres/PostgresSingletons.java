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

    @Override
    public boolean runExclusively(String task, Runnable work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(true);
            if (!lock(connection, "SELECT pg_try_advisory_lock(?, ?)", task)) {
                return false;
            }
            try {
                work.run();
                return true;
            } finally {
                lock(connection, "SELECT pg_advisory_unlock(?, ?)", task);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot take the lock of task " + task + ": " + e.getMessage(), e);
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
