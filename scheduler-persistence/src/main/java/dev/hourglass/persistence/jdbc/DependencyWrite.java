package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.Dependency;
import dev.hourglass.domain.port.out.Applied;
import dev.hourglass.domain.port.out.DependencyChange;
import dev.hourglass.persistence.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;

/**
 * Applies a {@link DependencyChange} inside the caller's transaction: the dependency's row under its
 * version check (inserted at version 1 when it was not stored), its faults replaced, the job writes
 * through a {@link GroupWrite}, then the alerts. Says whether all of it applied; when not, the
 * caller must roll its transaction back, for a change applies whole or not at all.
 *
 * <p>Shared by both stores; what keeps concurrent writers apart is theirs, as for {@link GroupWrite}.
 * PostgreSQL also locks a dependency row it only reads ({@code lockRead}), so that the state the job
 * writes were decided on cannot change before they commit.
 */
public final class DependencyWrite {

    private final Handle tx;
    private final Connection connection;
    private final SqlValues values;
    private final boolean lockRead;

    public DependencyWrite(Handle tx, SqlValues values, boolean lockRead) {
        this.tx = tx;
        this.connection = tx.getConnection();
        this.values = values;
        this.lockRead = lockRead;
    }

    /** Whether the whole change applied; when false the caller rolls back what did. */
    public boolean apply(DependencyChange change) {
        try {
            if (!dependencyApplies(change)) {
                return false;
            }
            if (change.jobs().isEmpty()) {
                insertAlerts(change);
                return true;
            }
            Applied applied = new GroupWrite(tx, values).apply(change.jobs());
            if (applied.count() != change.jobs().size()) {
                return false;
            }
            insertAlerts(change);
            return true;
        } catch (SQLException e) {
            throw new StoreException("cannot change dependency " + change.key() + ": " + e.getMessage(), e);
        }
    }

    private boolean dependencyApplies(DependencyChange change) throws SQLException {
        Dependency after = change.after();
        if (after == null) {
            return storedVersion(change.key()) == change.expectedVersion();
        }
        if (change.expectedVersion() == 0) {
            try (PreparedStatement insert = connection.prepareStatement(DependencyColumns.INSERT)) {
                DependencyColumns.bindInsert(insert, after, values);
                if (insert.executeUpdate() != 1) {
                    return false;
                }
            }
        } else {
            try (PreparedStatement update = connection.prepareStatement(DependencyColumns.UPDATE)) {
                DependencyColumns.bindUpdate(update, after, change.expectedVersion(), values);
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement delete = connection.prepareStatement(DependencyColumns.DELETE_FAULTS)) {
                delete.setString(1, change.key());
                delete.executeUpdate();
            }
        }
        if (!after.faults().isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(DependencyColumns.INSERT_FAULT)) {
                for (int i = 0; i < after.faults().size(); i++) {
                    DependencyColumns.bindFault(insert, change.key(), i + 1, after.faults().get(i), values);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        return true;
    }

    /** The stored version of the dependency, 0 when it is not stored. */
    private long storedVersion(String key) throws SQLException {
        String sql = DependencyColumns.VERSION + (lockRead ? " FOR UPDATE" : "");
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, key);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private void insertAlerts(DependencyChange change) throws SQLException {
        if (change.alerts().isEmpty()) {
            return;
        }
        try (PreparedStatement batch = connection.prepareStatement(AlertColumns.INSERT)) {
            for (Alert alert : change.alerts()) {
                AlertColumns.bind(batch, alert, values);
                batch.addBatch();
            }
            batch.executeBatch();
        }
    }
}
