package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.error.DuplicateNameException;
import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.port.out.Applied;
import dev.hourglass.domain.port.out.JobWrite;
import dev.hourglass.persistence.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Given {@link IncidentWrites}, it keeps incidents in the same transaction: the signatures the
 * touched jobs counted under are read first, and the incidents reconciled last.
 *
 * <p>Shared by both stores; what makes it safe among concurrent writers is theirs: SQLite holds its
 * write lock ({@code BEGIN IMMEDIATE}), PostgreSQL locks the touched rows first, in id order.
 */
public final class GroupWrite {

    private final Connection connection;
    private final SqlValues values;
    private final IncidentWrites incidents;

    /**
     * Writes through the connection of {@code tx}, the caller's transaction, spelling values as
     * {@code values}; incidents are left alone (for claims, which never change them).
     */
    public GroupWrite(Handle tx, SqlValues values) {
        this(tx, values, null);
    }

    /** As {@link #GroupWrite(Handle, SqlValues)}, keeping incidents with {@code incidents} in the same transaction. */
    public GroupWrite(Handle tx, SqlValues values, IncidentWrites incidents) {
        this.connection = tx.getConnection();
        this.values = values;
        this.incidents = incidents;
    }

    public Applied apply(List<? extends JobWrite> writes) {
        try {
            Map<JobId, String> signatures = incidents == null ? Map.of()
                    : incidents.before(writes.stream().map(JobWrite::jobId).toList());
            refuseTakenNames(writes);
            boolean[] applied = changeJobs(writes);
            insertRevisions(writes, applied);
            insertAudit(writes, applied);
            insertAlerts(writes, applied);
            Set<JobId> withNewRuns = insertRuns(writes, applied);
            trimRuns(withNewRuns);
            List<JobWrite> result = new ArrayList<>(writes.size());
            for (int i = 0; i < writes.size(); i++) {
                if (applied[i]) {
                    result.add(writes.get(i));
                }
            }
            if (incidents != null) {
                incidents.keep(signatures, result);
            }
            return Applied.of(result);
        } catch (SQLException e) {
            throw new StoreException("cannot apply " + writes.size() + " write(s): " + e.getMessage(), e);
        }
    }

    /** Runs of writes of one kind share a statement; a history-only write just checks its job is there. */
    private boolean[] changeJobs(List<? extends JobWrite> writes) throws SQLException {
        boolean[] applied = new boolean[writes.size()];
        int start = 0;
        while (start < writes.size()) {
            Class<?> kind = writes.get(start).getClass();
            int end = start;
            while (end < writes.size() && writes.get(end).getClass() == kind) {
                end++;
            }
            List<? extends JobWrite> run = writes.subList(start, end);
            boolean[] changed = kind == JobWrite.History.class ? existing(run) : changeBatch(run);
            System.arraycopy(changed, 0, applied, start, changed.length);
            start = end;
        }
        return applied;
    }

    private boolean[] changeBatch(List<? extends JobWrite> run) throws SQLException {
        JobWrite first = run.get(0);
        String sql = first instanceof JobWrite.Save ? JobColumns.UPDATE_STATE
                : first instanceof JobWrite.Edit ? JobColumns.UPDATE_EDIT : JobColumns.DELETE;
        try (PreparedStatement batch = connection.prepareStatement(sql)) {
            for (JobWrite write : run) {
                if (write instanceof JobWrite.Save save) {
                    JobColumns.bindState(batch, save.job(), save.expectedVersion(), values);
                } else if (write instanceof JobWrite.Edit edit) {
                    JobColumns.bindEdit(batch, edit.job(), edit.expectedVersion(), values);
                } else {
                    batch.setString(1, write.jobId().value());
                    batch.setLong(2, ((JobWrite.Remove) write).expectedVersion());
                }
                batch.addBatch();
            }
            int[] counts = batch.executeBatch();
            boolean[] changed = new boolean[run.size()];
            for (int i = 0; i < counts.length; i++) {
                changed[i] = counts[i] == 1;
            }
            return changed;
        }
    }

    private boolean[] existing(List<? extends JobWrite> run) throws SQLException {
        boolean[] exists = new boolean[run.size()];
        try (PreparedStatement query = connection.prepareStatement(JobColumns.EXISTS)) {
            for (int i = 0; i < run.size(); i++) {
                query.setString(1, run.get(i).jobId().value());
                try (ResultSet rows = query.executeQuery()) {
                    exists[i] = rows.next();
                }
            }
        }
        return exists;
    }

    /**
     * An edit to a name another job holds refuses the whole transaction, as the unique index would,
     * but with the domain's error instead of a constraint failure.
     */
    private void refuseTakenNames(List<? extends JobWrite> writes) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(JobColumns.NAME_TAKEN_BY_OTHER)) {
            for (JobWrite write : writes) {
                if (write instanceof JobWrite.Edit edit) {
                    query.setString(1, edit.job().nameKey());
                    query.setString(2, edit.jobId().value());
                    try (ResultSet rows = query.executeQuery()) {
                        if (rows.next() && rows.getLong(1) > 0) {
                            throw new DuplicateNameException(edit.job().name());
                        }
                    }
                }
            }
        }
    }

    /** The revisions of applied edits, then each edited job's revisions trimmed to the newest kept. */
    private void insertRevisions(List<? extends JobWrite> writes, boolean[] applied) throws SQLException {
        Set<JobId> edited = new LinkedHashSet<>();
        try (PreparedStatement batch = connection.prepareStatement(RevisionColumns.INSERT)) {
            for (int i = 0; i < writes.size(); i++) {
                if (applied[i] && writes.get(i) instanceof JobWrite.Edit edit) {
                    RevisionColumns.bind(batch, edit.revision(), values);
                    batch.addBatch();
                    edited.add(edit.jobId());
                }
            }
            executeUnlessEmpty(batch, edited.size());
        }
        try (PreparedStatement batch = connection.prepareStatement(RevisionColumns.TRIM)) {
            for (JobId job : edited) {
                RevisionColumns.bindTrim(batch, job.value());
                batch.addBatch();
            }
            executeUnlessEmpty(batch, edited.size());
        }
    }

    private void insertAlerts(List<? extends JobWrite> writes, boolean[] applied) throws SQLException {
        try (PreparedStatement batch = connection.prepareStatement(AlertColumns.INSERT)) {
            int rows = 0;
            for (int i = 0; i < writes.size(); i++) {
                if (applied[i]) {
                    for (Alert alert : writes.get(i).alerts()) {
                        AlertColumns.bind(batch, alert, values);
                        batch.addBatch();
                        rows++;
                    }
                }
            }
            executeUnlessEmpty(batch, rows);
        }
    }

    private void insertAudit(List<? extends JobWrite> writes, boolean[] applied) throws SQLException {
        try (PreparedStatement batch = connection.prepareStatement(AuditColumns.INSERT)) {
            int rows = 0;
            for (int i = 0; i < writes.size(); i++) {
                if (applied[i]) {
                    for (AuditEntry entry : writes.get(i).audit()) {
                        AuditColumns.bind(batch, entry, values);
                        batch.addBatch();
                        rows++;
                    }
                }
            }
            executeUnlessEmpty(batch, rows);
        }
    }

    /** Inserts the runs of applied saves, except for jobs the same list removed: their history is gone. */
    private Set<JobId> insertRuns(List<? extends JobWrite> writes, boolean[] applied) throws SQLException {
        Set<JobId> removed = new LinkedHashSet<>();
        for (int i = 0; i < writes.size(); i++) {
            if (applied[i] && writes.get(i) instanceof JobWrite.Remove) {
                removed.add(writes.get(i).jobId());
            }
        }
        Set<JobId> withNewRuns = new LinkedHashSet<>();
        int rows = 0;
        try (PreparedStatement batch = connection.prepareStatement(RunColumns.INSERT)) {
            for (int i = 0; i < writes.size(); i++) {
                RunRecord run = runOf(writes.get(i));
                if (applied[i] && run != null && !removed.contains(run.jobId())) {
                    RunColumns.bind(batch, run, values);
                    batch.addBatch();
                    withNewRuns.add(run.jobId());
                    rows++;
                }
            }
            executeUnlessEmpty(batch, rows);
        }
        return withNewRuns;
    }

    private static RunRecord runOf(JobWrite write) {
        if (write instanceof JobWrite.Save save) {
            return save.run();
        }
        return write instanceof JobWrite.History history ? history.run() : null;
    }

    private void trimRuns(Set<JobId> jobs) throws SQLException {
        try (PreparedStatement batch = connection.prepareStatement(RunColumns.TRIM)) {
            for (JobId job : jobs) {
                RunColumns.bindTrim(batch, job.value());
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
