package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.out.RunHistory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** The runs table: run history in insertion order ({@code seq}), deleted with its job. */
public final class RunColumns {

    public static final String INSERT = "INSERT INTO runs"
            + " (run_id, job_id, planned_at, started_at, duration_ms, status, error, output, instance_id, probe)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    public static final String NEWEST_OF_JOB = "SELECT run_id, job_id, planned_at, started_at, duration_ms, status, error,"
            + " output, instance_id, probe FROM runs WHERE job_id = :job_id ORDER BY seq DESC LIMIT :limit";
    /** Deletes all but the newest {@link RunHistory#RETAINED_PER_JOB} runs of a job; a no-op below that. */
    public static final String TRIM = "DELETE FROM runs WHERE job_id = ? AND seq <= (SELECT seq FROM runs"
            + " WHERE job_id = ? ORDER BY seq DESC LIMIT 1 OFFSET " + RunHistory.RETAINED_PER_JOB + ")";

    /** Binds {@link #TRIM} for the runs of {@code jobId}. */
    public static void bindTrim(PreparedStatement statement, String jobId) throws SQLException {
        statement.setString(1, jobId);
        statement.setString(2, jobId);
    }

    public static final RowMapper<RunRecord> MAPPER = new Mapper();

    private RunColumns() {
    }

    public static void bind(PreparedStatement statement, RunRecord run, SqlValues values) throws SQLException {
        statement.setString(1, run.runId().value());
        statement.setString(2, run.jobId().value());
        statement.setObject(3, values.instant(run.plannedAt()));
        statement.setObject(4, values.instant(run.startedAt()));
        statement.setLong(5, run.durationMs());
        statement.setString(6, run.status().wireName());
        statement.setString(7, run.error());
        statement.setString(8, run.output());
        statement.setString(9, run.instance() == null ? null : run.instance().value());
        statement.setObject(10, values.flag(run.probe()));
    }

    private static InstanceId instance(String id) {
        return id == null ? null : new InstanceId(id);
    }

    private static final class Mapper implements RowMapper<RunRecord> {

        @Override
        public RunRecord map(ResultSet rs, StatementContext ctx) throws SQLException {
            Columns row = new Columns(rs);
            return new RunRecord(
                    new RunId(row.requiredText("run_id")),
                    JobId.of(row.requiredText("job_id")),
                    row.instant("planned_at"),
                    row.requiredInstant("started_at"),
                    row.requiredInteger("duration_ms"),
                    row.requiredNamed("status", RunStatus::fromWireName),
                    row.text("error"),
                    row.text("output"),
                    instance(row.text("instance_id")),
                    row.flag("probe"));
        }
    }
}
