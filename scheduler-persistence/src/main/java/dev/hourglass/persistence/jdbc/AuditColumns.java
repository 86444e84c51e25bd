package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** The audit_entries table: entries in insertion order ({@code seq}), kept after their job is gone. */
public final class AuditColumns {

    public static final String INSERT = "INSERT INTO audit_entries"
            + " (id, job_id, job_name, action, previous_status, new_status, actor, detail, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    public static final String NEWEST_OF_JOB = "SELECT id, job_id, job_name, action, previous_status, new_status, actor,"
            + " detail, created_at FROM audit_entries WHERE job_id = :job_id ORDER BY seq DESC LIMIT :limit";

    /** Entries older than the cutoff, except each job's newest {@code :keep}. */
    public static final String TRIM = "DELETE FROM audit_entries WHERE seq IN (SELECT seq FROM (SELECT seq, created_at,"
            + " row_number() OVER (PARTITION BY job_id ORDER BY seq DESC) AS newer FROM audit_entries"
            + " WHERE job_id IN (SELECT job_id FROM audit_entries WHERE created_at < :cutoff))"
            + " AS ranked WHERE newer > :keep AND created_at < :cutoff)";

    public static final RowMapper<AuditEntry> MAPPER = new Mapper();

    private AuditColumns() {
    }

    public static void bind(PreparedStatement statement, AuditEntry entry, SqlValues values) throws SQLException {
        statement.setString(1, entry.id());
        statement.setString(2, entry.jobId().value());
        statement.setString(3, entry.jobName());
        statement.setString(4, entry.action().wireName());
        statement.setString(5, entry.previousStatus() == null ? null : entry.previousStatus().wireName());
        statement.setString(6, entry.newStatus() == null ? null : entry.newStatus().wireName());
        statement.setString(7, entry.actor());
        statement.setString(8, entry.detail());
        statement.setObject(9, values.instant(entry.createdAt()));
    }

    private static final class Mapper implements RowMapper<AuditEntry> {

        @Override
        public AuditEntry map(ResultSet rs, StatementContext ctx) throws SQLException {
            Columns row = new Columns(rs);
            return new AuditEntry(
                    row.requiredText("id"),
                    JobId.of(row.requiredText("job_id")),
                    row.requiredText("job_name"),
                    row.requiredNamed("action", AuditAction::fromWireName),
                    row.named("previous_status", JobStatus::fromWireName),
                    row.named("new_status", JobStatus::fromWireName),
                    row.requiredText("actor"),
                    row.text("detail"),
                    row.requiredInstant("created_at"));
        }
    }
}
