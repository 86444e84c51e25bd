package dev.hourglass.persistence;

import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunRecord;
import dev.hourglass.domain.model.RunStatus;
import dev.hourglass.domain.port.out.RunHistory;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/** The runs table: run history in insertion order ({@code seq}), deleted with its job. */
final class RunColumns {

    static final String INSERT = "INSERT INTO runs"
            + " (run_id, job_id, planned_at, started_at, duration_ms, status, error, output)"
            + " VALUES (:run_id, :job_id, :planned_at, :started_at, :duration_ms, :status, :error, :output)";
    static final String NEWEST_OF_JOB = "SELECT run_id, job_id, planned_at, started_at, duration_ms, status, error,"
            + " output FROM runs WHERE job_id = :job_id ORDER BY seq DESC LIMIT :limit";
    /** Deletes all but the newest {@link RunHistory#RETAINED_PER_JOB} runs of a job; a no-op below that. */
    static final String TRIM = "DELETE FROM runs WHERE job_id = :job_id AND seq <= (SELECT seq FROM runs"
            + " WHERE job_id = :job_id ORDER BY seq DESC LIMIT 1 OFFSET " + RunHistory.RETAINED_PER_JOB + ")";

    static final RowMapper<RunRecord> MAPPER = new Mapper();

    private RunColumns() {
    }

    static <T extends SqlStatement<T>> T bind(T statement, RunRecord run) {
        return statement
                .bind("run_id", run.runId().value())
                .bind("job_id", run.jobId().value())
                .bind("planned_at", Timestamps.format(run.plannedAt()))
                .bind("started_at", Timestamps.format(run.startedAt()))
                .bind("duration_ms", run.durationMs())
                .bind("status", run.status().wireName())
                .bind("error", run.error())
                .bind("output", run.output());
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
                    row.text("output"));
        }
    }
}
