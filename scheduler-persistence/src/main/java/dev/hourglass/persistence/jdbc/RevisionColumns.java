package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.model.JobDefinition;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobRevision;
import dev.hourglass.domain.model.Probe;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** The job_revisions table: every definition a job had, the schedule in the jobs table's columns. */
public final class RevisionColumns {

    public static final String INSERT = "INSERT INTO job_revisions (job_id, revision, changed_at, changed_by, name,"
            + " description, enabled, schedule_kind, schedule_at, schedule_interval_ms, schedule_expr, schedule_tz,"
            + " task, delete_after_run, expect_success_within_ms, dependency, probe_after_ms)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    public static final String NEWEST_OF_JOB = "SELECT * FROM job_revisions WHERE job_id = :job_id"
            + " ORDER BY seq DESC LIMIT :limit";
    /** Deletes all but the newest {@link JobRevision#RETAINED_PER_JOB} revisions of a job. */
    public static final String TRIM = "DELETE FROM job_revisions WHERE job_id = ? AND seq <= (SELECT seq FROM job_revisions"
            + " WHERE job_id = ? ORDER BY seq DESC LIMIT 1 OFFSET " + JobRevision.RETAINED_PER_JOB + ")";

    public static final RowMapper<JobRevision> MAPPER = new Mapper();

    private RevisionColumns() {
    }

    /** Binds {@link #TRIM} for the revisions of {@code jobId}. */
    public static void bindTrim(PreparedStatement statement, String jobId) throws SQLException {
        statement.setString(1, jobId);
        statement.setString(2, jobId);
    }

    /** Binds {@link #INSERT} for {@code revision}, spelling values as {@code values}. */
    public static void bind(PreparedStatement statement, JobRevision revision, SqlValues values) throws SQLException {
        JobDefinition definition = revision.definition();
        ScheduleColumns schedule = ScheduleColumns.of(definition.schedule());
        int i = 0;
        statement.setString(++i, revision.jobId().value());
        statement.setLong(++i, revision.revision());
        statement.setObject(++i, values.instant(revision.changedAt()));
        statement.setString(++i, revision.changedBy());
        statement.setString(++i, definition.name());
        statement.setString(++i, definition.description());
        statement.setObject(++i, values.flag(definition.enabled()));
        statement.setString(++i, schedule.kind());
        statement.setObject(++i, values.instant(schedule.at()));
        statement.setObject(++i, schedule.intervalMs());
        statement.setString(++i, schedule.expr());
        statement.setString(++i, schedule.tz());
        statement.setString(++i, definition.task());
        statement.setObject(++i, values.flag(definition.deleteAfterRun()));
        statement.setObject(++i, definition.expectSuccessWithinMs());
        statement.setString(++i, definition.dependency());
        statement.setObject(++i, definition.probe() == null ? null : definition.probe().afterMs());
    }

    private static Probe probe(Long afterMs) {
        return afterMs == null ? null : new Probe(afterMs);
    }

    private static final class Mapper implements RowMapper<JobRevision> {

        @Override
        public JobRevision map(ResultSet rs, StatementContext ctx) throws SQLException {
            Columns row = new Columns(rs);
            JobDefinition definition = new JobDefinition(row.requiredText("name"), row.text("description"),
                    row.flag("enabled"), ScheduleColumns.read(row), row.requiredText("task"),
                    row.flag("delete_after_run"), row.integer("expect_success_within_ms"), row.text("dependency"),
                    probe(row.integer("probe_after_ms")));
            return new JobRevision(JobId.of(row.requiredText("job_id")), row.requiredInteger("revision"),
                    row.requiredInstant("changed_at"), row.requiredText("changed_by"), definition);
        }
    }
}
