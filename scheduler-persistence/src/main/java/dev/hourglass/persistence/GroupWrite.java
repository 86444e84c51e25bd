package dev.hourglass.persistence;

import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.port.out.JobWrite;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Applies a list of version-checked writes inside the caller's transaction, with one prepared
 * batch per kind of statement instead of one statement per write: the engine's group commit.
 *
 * <p>The job rows change first, in list order (a run of saves is one batch of
 * {@code UPDATE ... WHERE id = ? AND version = ?}, a run of removes one batch of deletes), so a
 * later write sees an earlier one. Then the audit entries and run records of the writes that
 * applied are inserted, still in list order, and the touched histories are trimmed. The result is
 * what applying the writes one by one would give.
 *
 * <p>This is the engine's hot path, so it binds plain JDBC statements by position: JDBI's named
 * binding costs more per value than SQLite takes to store it.
 */
final class GroupWrite {

    private final Connection connection;

    GroupWrite(Handle tx) {
        this.connection = tx.getConnection();
    }

    List<Boolean> apply(List<JobWrite> writes) {
        try {
            boolean[] applied = changeJobs(writes);
            insertAudit(writes, applied);
            Set<JobId> withNewRuns = insertRuns(writes, applied);
            trimRuns(withNewRuns);
            List<Boolean> result = new ArrayList<>(writes.size());
            for (boolean each : applied) {
                result.add(each);
            }
            return result;
        } catch (SQLException e) {
            throw new StoreException("cannot apply " + writes.size() + " write(s): " + e.getMessage(), e);
        }
    }

    private boolean[] changeJobs(List<JobWrite> writes) throws SQLException {
        boolean[] applied = new boolean[writes.size()];
        int start = 0;
        while (start < writes.size()) {
            boolean saves = writes.get(start) instanceof JobWrite.Save;
            int end = start;
            try (PreparedStatement batch = connection.prepareStatement(saves ? JobColumns.UPDATE_STATE : JobColumns.DELETE)) {
                while (end < writes.size() && (writes.get(end) instanceof JobWrite.Save) == saves) {
                    JobWrite write = writes.get(end);
                    if (write instanceof JobWrite.Save save) {
                        JobColumns.bindState(batch, save.job(), save.expectedVersion());
                    } else {
                        batch.setString(1, write.jobId().value());
                        batch.setLong(2, write.expectedVersion());
                    }
                    batch.addBatch();
                    end++;
                }
                int[] changed = batch.executeBatch();
                for (int i = start; i < end; i++) {
                    applied[i] = changed[i - start] == 1;
                }
            }
            start = end;
        }
        return applied;
    }

    private void insertAudit(List<JobWrite> writes, boolean[] applied) throws SQLException {
        try (PreparedStatement batch = connection.prepareStatement(AuditColumns.INSERT)) {
            int rows = 0;
            for (int i = 0; i < writes.size(); i++) {
                if (applied[i]) {
                    for (AuditEntry entry : writes.get(i).audit()) {
                        AuditColumns.bind(batch, entry);
                        batch.addBatch();
                        rows++;
                    }
                }
            }
            executeUnlessEmpty(batch, rows);
        }
    }

    /** Inserts the runs of applied saves, except for jobs the same list removed: their history is gone. */
    private Set<JobId> insertRuns(List<JobWrite> writes, boolean[] applied) throws SQLException {
        Set<JobId> removed = new LinkedHashSet<>();
        for (int i = 0; i < writes.size(); i++) {
            if (applied[i] && writes.get(i) instanceof JobWrite.Remove) {
                removed.add(writes.get(i).jobId());
            }
        }
        Set<JobId> withNewRuns = new LinkedHashSet<>();
        try (PreparedStatement batch = connection.prepareStatement(RunColumns.INSERT)) {
            for (int i = 0; i < writes.size(); i++) {
                if (applied[i] && writes.get(i) instanceof JobWrite.Save save && save.run() != null
                        && !removed.contains(save.jobId())) {
                    RunColumns.bind(batch, save.run());
                    batch.addBatch();
                    withNewRuns.add(save.jobId());
                }
            }
            executeUnlessEmpty(batch, withNewRuns.size());
        }
        return withNewRuns;
    }

    private void trimRuns(Set<JobId> jobs) throws SQLException {
        try (PreparedStatement batch = connection.prepareStatement(RunColumns.TRIM)) {
            for (JobId job : jobs) {
                batch.setString(1, job.value());
                batch.addBatch();
            }
            executeUnlessEmpty(batch, jobs.size());
        }
    }

    private static void executeUnlessEmpty(PreparedStatement batch, int rows) throws SQLException {
        if (rows > 0) {
            batch.executeBatch();
        }
    }
}
