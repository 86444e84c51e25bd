package dev.hourglass.persistence;

import dev.hourglass.domain.model.AuditAction;
import dev.hourglass.domain.model.AuditEntry;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/** The audit_entries table: entries in insertion order ({@code seq}), kept after their job is gone. */
final class AuditColumns {

    static final String INSERT = "INSERT INTO audit_entries"
            + " (id, job_id, job_name, action, previous_status, new_status, actor, detail, created_at)"
            + " VALUES (:id, :job_id, :job_name, :action, :previous_status, :new_status, :actor, :detail, :created_at)";
    static final String NEWEST_OF_JOB = "SELECT id, job_id, job_name, action, previous_status, new_status, actor,"
            + " detail, created_at FROM audit_entries WHERE job_id = :job_id ORDER BY seq DESC LIMIT :limit";

    static final RowMapper<AuditEntry> MAPPER = new Mapper();

    private AuditColumns() {
    }

    static <T extends SqlStatement<T>> T bind(T statement, AuditEntry entry) {
        return statement
                .bind("id", entry.id())
                .bind("job_id", entry.jobId().value())
                .bind("job_name", entry.jobName())
                .bind("action", entry.action().wireName())
                .bind("previous_status", entry.previousStatus() == null ? null : entry.previousStatus().wireName())
                .bind("new_status", entry.newStatus() == null ? null : entry.newStatus().wireName())
                .bind("actor", entry.actor())
                .bind("detail", entry.detail())
                .bind("created_at", Timestamps.format(entry.createdAt()));
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
