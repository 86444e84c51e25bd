package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.model.Claim;
import dev.hourglass.domain.model.InstanceId;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.model.JobStatus;
import dev.hourglass.domain.model.LastRun;
import dev.hourglass.domain.model.PendingProbe;
import dev.hourglass.domain.model.Probe;
import dev.hourglass.domain.model.RunId;
import dev.hourglass.domain.model.RunStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The jobs table, shared by both stores: its columns, the statements over them that both dialects
 * read alike, and the mapping both ways. Each store keeps its own claim and due-job statements.
 */
public final class JobColumns {

    /** Every stored column but {@code seq}; each is also the name of its statement parameter. */
    public static final List<String> NAMES = List.of(
            "id", "name", "name_key", "description", "enabled",
            "schedule_kind", "schedule_at", "schedule_interval_ms", "schedule_expr", "schedule_tz",
            "task", "status",
            "last_run_at", "last_run_status", "last_run_duration_ms", "last_run_error",
            "next_run_at", "run_count", "consecutive_errors", "delete_after_run",
            "created_at", "updated_at", "created_by", "version",
            "claim_run_id", "claim_planned_at", "claimed_at", "claim_version", "claim_owner", "claim_epoch",
            "revision", "paused_until", "expect_success_within_ms", "last_success_at", "stale_since",
            "dependency", "dependency_key", "probe_after_ms", "next_probe_at", "probe_waited_ms", "held_since");

    /** Every column of the jobs table, to be followed by a WHERE clause. */
    public static final String SELECT = "SELECT " + String.join(", ", NAMES) + " FROM jobs";
    /** As {@link #SELECT}, with the row's {@code seq}: the tie-break of the newest-first order. */
    public static final String SELECT_WITH_SEQ = "SELECT " + String.join(", ", NAMES) + ", seq FROM jobs";

    public static final String INSERT = "INSERT INTO jobs (" + String.join(", ", NAMES) + ") VALUES ("
            + NAMES.stream().map(name -> ":" + name).collect(Collectors.joining(", ")) + ")";
    /** Positional: every column of {@link #NAMES}, in its order; see {@link #row}. */
    public static final String INSERT_POSITIONAL = "INSERT INTO jobs (" + String.join(", ", NAMES) + ") VALUES ("
            + NAMES.stream().map(name -> "?").collect(Collectors.joining(", ")) + ")";
    /**
     * The columns a saved job can change: its state. Its definition (name, schedule, task, ...)
     * changes only with an edit, so saves neither rewrite it nor touch the unique index on the name.
     */
    public static final List<String> STATE = List.of(
            "status", "last_run_at", "last_run_status", "last_run_duration_ms", "last_run_error",
            "next_run_at", "run_count", "consecutive_errors", "updated_at", "version",
            "claim_run_id", "claim_planned_at", "claimed_at", "claim_version", "claim_owner", "claim_epoch",
            "paused_until", "last_success_at", "stale_since", "next_probe_at", "probe_waited_ms", "held_since");
    /** The columns an edit changes besides the {@link #STATE}: the definition and its revision. */
    public static final List<String> DEFINITION = List.of(
            "name", "name_key", "description", "enabled",
            "schedule_kind", "schedule_at", "schedule_interval_ms", "schedule_expr", "schedule_tz",
            "task", "delete_after_run", "expect_success_within_ms", "dependency", "dependency_key", "probe_after_ms",
            "revision");
    /** Positional: the {@link #STATE} columns, then the id and the expected version. */
    public static final String UPDATE_STATE = "UPDATE jobs SET "
            + STATE.stream().map(name -> name + " = ?").collect(Collectors.joining(", "))
            + " WHERE id = ? AND version = ?";
    /** Positional: the {@link #DEFINITION} columns, the {@link #STATE} columns, the id and the expected version. */
    public static final String UPDATE_EDIT = "UPDATE jobs SET "
            + DEFINITION.stream().map(name -> name + " = ?").collect(Collectors.joining(", ")) + ", "
            + STATE.stream().map(name -> name + " = ?").collect(Collectors.joining(", "))
            + " WHERE id = ? AND version = ?";
    /** Positional: the name key and the id of the job that wants it. */
    public static final String NAME_TAKEN_BY_OTHER = "SELECT count(*) FROM jobs WHERE name_key = ? AND id <> ?";
    /** Positional: the id and the expected version. */
    public static final String DELETE = "DELETE FROM jobs WHERE id = ? AND version = ?";
    public static final String COUNT = "SELECT count(*) FROM jobs";
    public static final String NAME_TAKEN = "SELECT count(*) FROM jobs WHERE name_key = :name_key";
    public static final String FIND = SELECT + " WHERE id = :id";
    public static final String LIST = SELECT + " ORDER BY created_at DESC, seq DESC";
    public static final String LIST_BY_STATUS = SELECT + " WHERE status = :status ORDER BY created_at DESC, seq DESC";
    /** The counts of the job summary over every row, in one pass; see {@code JobSummary}. */
    public static final String SUMMARY = "SELECT count(*) AS total,"
            + " coalesce(sum(CASE WHEN status = 'active' THEN 1 ELSE 0 END), 0) AS active,"
            + " coalesce(sum(CASE WHEN status = 'paused' THEN 1 ELSE 0 END), 0) AS paused,"
            + " coalesce(sum(CASE WHEN status = 'completed' THEN 1 ELSE 0 END), 0) AS completed,"
            + " coalesce(sum(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0) AS failed,"
            // A job its dependency holds does not fire: its waiting fire is not the next one.
            + " min(CASE WHEN held_since IS NULL THEN next_run_at END) AS next_fire_at,"
            + " coalesce(sum(CASE WHEN status = 'active' AND consecutive_errors > 0 THEN 1 ELSE 0 END), 0) AS recent_failures,"
            + " coalesce(sum(CASE WHEN status = 'active' AND stale_since IS NOT NULL THEN 1 ELSE 0 END), 0) AS stale"
            + " FROM jobs";
    public static final String RUNNING = SELECT + " WHERE claim_run_id IS NOT NULL ORDER BY seq";
    public static final String TIMED_PAUSES = SELECT + " WHERE paused_until IS NOT NULL ORDER BY paused_until, id";
    public static final String PENDING_PROBES = SELECT + " WHERE next_probe_at IS NOT NULL ORDER BY next_probe_at, id";
    /** The jobs that name one dependency, oldest first. */
    public static final String OF_DEPENDENCY = SELECT + " WHERE dependency_key = :key ORDER BY seq";
    /** Per dependency key that jobs name: one spelling of it (the least), how many name it, how many are held. */
    public static final String DEPENDENCY_USAGE = "SELECT dependency_key, min(dependency) AS name, count(*) AS jobs,"
            + " sum(CASE WHEN held_since IS NULL THEN 0 ELSE 1 END) AS held FROM jobs"
            + " WHERE dependency_key IS NOT NULL GROUP BY dependency_key ORDER BY dependency_key";
    public static final String WATCHED = SELECT + " WHERE status = 'active' AND expect_success_within_ms IS NOT NULL"
            + " AND stale_since IS NULL ORDER BY seq";

    public static final RowMapper<JobRow> MAPPER = new Mapper();
    /** The owner of claims written before claims recorded one: no instance ever has this id. */
    public static final String UNKNOWN_OWNER = "unknown";
    /** Positional: the id. */
    public static final String EXISTS = "SELECT 1 FROM jobs WHERE id = ?";
    public static final String NEWEST_UPDATE = "SELECT max(updated_at) AS newest FROM jobs";
    public static final String DELETE_ANY = "DELETE FROM jobs WHERE id = :id";

    private JobColumns() {
    }

    /** Binds every column of {@code job} by name. */
    public static <T extends SqlStatement<T>> T bind(T statement, Job job, SqlValues values) {
        ScheduleColumns schedule = ScheduleColumns.of(job.schedule());
        LastRun lastRun = job.lastRun();
        Claim claim = job.claim();
        return statement
                .bind("id", job.id().value())
                .bind("name", job.name())
                .bind("name_key", job.nameKey())
                .bind("description", job.description())
                .bind("enabled", values.flag(job.enabled()))
                .bind("schedule_kind", schedule.kind())
                .bind("schedule_at", values.instant(schedule.at()))
                .bind("schedule_interval_ms", schedule.intervalMs())
                .bind("schedule_expr", schedule.expr())
                .bind("schedule_tz", schedule.tz())
                .bind("task", job.task())
                .bind("status", job.status().wireName())
                .bind("last_run_at", values.instant(lastRun == null ? null : lastRun.startedAt()))
                .bind("last_run_status", lastRun == null ? null : lastRun.status().wireName())
                .bind("last_run_duration_ms", lastRun == null ? null : lastRun.durationMs())
                .bind("last_run_error", lastRun == null ? null : lastRun.error())
                .bind("next_run_at", values.instant(job.nextRunAt()))
                .bind("run_count", job.runCount())
                .bind("consecutive_errors", job.consecutiveErrors())
                .bind("delete_after_run", values.flag(job.deleteAfterRun()))
                .bind("created_at", values.instant(job.createdAt()))
                .bind("updated_at", values.instant(job.updatedAt()))
                .bind("created_by", job.createdBy())
                .bind("version", job.version())
                .bind("claim_run_id", claim == null ? null : claim.runId().value())
                .bind("claim_planned_at", values.instant(claim == null ? null : claim.plannedAt()))
                .bind("claimed_at", values.instant(claim == null ? null : claim.claimedAt()))
                .bind("claim_version", claim == null ? null : claim.version())
                .bind("claim_owner", claim == null ? null : claim.owner().value())
                .bind("claim_epoch", claim == null ? null : claim.epoch())
                .bind("revision", job.revision())
                .bind("paused_until", values.instant(job.pausedUntil()))
                .bind("expect_success_within_ms", job.expectSuccessWithinMs())
                .bind("last_success_at", values.instant(job.lastSuccessAt()))
                .bind("stale_since", values.instant(job.staleSince()))
                .bind("dependency", job.dependency())
                .bind("dependency_key", job.dependencyKey().orElse(null))
                .bind("probe_after_ms", job.probe() == null ? null : job.probe().afterMs())
                .bind("next_probe_at", values.instant(job.nextProbeAt()))
                .bind("probe_waited_ms", probeWaitedMs(job))
                .bind("held_since", values.instant(job.heldSince()));
    }

    /**
     * The values of every column of {@code job}, in the order of {@link #NAMES}, as {@link #bind} binds
     * them by name: for {@link #INSERT_POSITIONAL} in a JDBC batch, where binding by name would cost
     * more than the insert itself. The stores' contract checks both with jobs of every shape.
     */
    public static Object[] row(Job job, SqlValues values) {
        ScheduleColumns schedule = ScheduleColumns.of(job.schedule());
        LastRun lastRun = job.lastRun();
        Claim claim = job.claim();
        return new Object[] {
            job.id().value(), job.name(), job.nameKey(), job.description(), values.flag(job.enabled()),
            schedule.kind(), values.instant(schedule.at()), schedule.intervalMs(), schedule.expr(), schedule.tz(),
            job.task(), job.status().wireName(),
            values.instant(lastRun == null ? null : lastRun.startedAt()),
            lastRun == null ? null : lastRun.status().wireName(),
            lastRun == null ? null : lastRun.durationMs(),
            lastRun == null ? null : lastRun.error(),
            values.instant(job.nextRunAt()), job.runCount(), job.consecutiveErrors(), values.flag(job.deleteAfterRun()),
            values.instant(job.createdAt()), values.instant(job.updatedAt()), job.createdBy(), job.version(),
            claim == null ? null : claim.runId().value(),
            values.instant(claim == null ? null : claim.plannedAt()),
            values.instant(claim == null ? null : claim.claimedAt()),
            claim == null ? null : claim.version(),
            claim == null ? null : claim.owner().value(),
            claim == null ? null : claim.epoch(),
            job.revision(), values.instant(job.pausedUntil()), job.expectSuccessWithinMs(),
            values.instant(job.lastSuccessAt()), values.instant(job.staleSince()),
            job.dependency(), job.dependencyKey().orElse(null),
            job.probe() == null ? null : job.probe().afterMs(),
            values.instant(job.nextProbeAt()), probeWaitedMs(job), values.instant(job.heldSince())};
    }

    /** Binds the state of {@code job} for {@link #UPDATE_STATE}, guarded by {@code expectedVersion}. */
    public static void bindState(PreparedStatement statement, Job job, long expectedVersion, SqlValues values)
            throws SQLException {
        int i = bindStateColumns(statement, job, 0, values);
        statement.setString(++i, job.id().value());
        statement.setLong(++i, expectedVersion);
    }

    /** Binds the definition and state of {@code job} for {@link #UPDATE_EDIT}, guarded by {@code expectedVersion}. */
    public static void bindEdit(PreparedStatement statement, Job job, long expectedVersion, SqlValues values)
            throws SQLException {
        ScheduleColumns schedule = ScheduleColumns.of(job.schedule());
        int i = 0;
        statement.setString(++i, job.name());
        statement.setString(++i, job.nameKey());
        statement.setString(++i, job.description());
        statement.setObject(++i, values.flag(job.enabled()));
        statement.setString(++i, schedule.kind());
        statement.setObject(++i, values.instant(schedule.at()));
        statement.setObject(++i, schedule.intervalMs());
        statement.setString(++i, schedule.expr());
        statement.setString(++i, schedule.tz());
        statement.setString(++i, job.task());
        statement.setObject(++i, values.flag(job.deleteAfterRun()));
        statement.setObject(++i, job.expectSuccessWithinMs());
        statement.setString(++i, job.dependency());
        statement.setString(++i, job.dependencyKey().orElse(null));
        statement.setObject(++i, job.probe() == null ? null : job.probe().afterMs());
        statement.setLong(++i, job.revision());
        i = bindStateColumns(statement, job, i, values);
        statement.setString(++i, job.id().value());
        statement.setLong(++i, expectedVersion);
    }

    /** The {@link #STATE} columns from position {@code i + 1}; returns the last position bound. */
    private static int bindStateColumns(PreparedStatement statement, Job job, int i, SqlValues values)
            throws SQLException {
        LastRun lastRun = job.lastRun();
        Claim claim = job.claim();
        statement.setString(++i, job.status().wireName());
        statement.setObject(++i, values.instant(lastRun == null ? null : lastRun.startedAt()));
        statement.setString(++i, lastRun == null ? null : lastRun.status().wireName());
        statement.setObject(++i, lastRun == null ? null : lastRun.durationMs());
        statement.setString(++i, lastRun == null ? null : lastRun.error());
        statement.setObject(++i, values.instant(job.nextRunAt()));
        statement.setLong(++i, job.runCount());
        statement.setLong(++i, job.consecutiveErrors());
        statement.setObject(++i, values.instant(job.updatedAt()));
        statement.setLong(++i, job.version());
        statement.setString(++i, claim == null ? null : claim.runId().value());
        statement.setObject(++i, values.instant(claim == null ? null : claim.plannedAt()));
        statement.setObject(++i, values.instant(claim == null ? null : claim.claimedAt()));
        statement.setObject(++i, claim == null ? null : claim.version());
        statement.setString(++i, claim == null ? null : claim.owner().value());
        statement.setObject(++i, claim == null ? null : claim.epoch());
        statement.setObject(++i, values.instant(job.pausedUntil()));
        statement.setObject(++i, values.instant(job.lastSuccessAt()));
        statement.setObject(++i, values.instant(job.staleSince()));
        statement.setObject(++i, values.instant(job.nextProbeAt()));
        statement.setObject(++i, probeWaitedMs(job));
        statement.setObject(++i, values.instant(job.heldSince()));
        return i;
    }

    private static Long probeWaitedMs(Job job) {
        return job.pendingProbe() == null ? null : job.pendingProbe().waited().toMillis();
    }

    /** Reads a row into a job; a row the domain refuses becomes an unreadable {@link JobRow}, never an exception. */
    private static final class Mapper implements RowMapper<JobRow> {

        @Override
        public JobRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            String id = rs.getString("id");
            try {
                return JobRow.readable(read(new Columns(rs)));
            } catch (RuntimeException e) {
                return JobRow.unreadable(id, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }

        private static Job read(Columns row) throws SQLException {
            return new Job(
                    JobId.of(row.requiredText("id")),
                    row.requiredText("name"),
                    row.text("description"),
                    row.flag("enabled"),
                    ScheduleColumns.read(row),
                    row.requiredText("task"),
                    row.requiredNamed("status", JobStatus::fromWireName),
                    lastRun(row),
                    row.instant("next_run_at"),
                    row.requiredInteger("run_count"),
                    Math.toIntExact(row.requiredInteger("consecutive_errors")),
                    row.flag("delete_after_run"),
                    row.requiredInstant("created_at"),
                    row.requiredInstant("updated_at"),
                    row.requiredText("created_by"),
                    row.requiredInteger("version"),
                    claim(row),
                    row.requiredInteger("revision"),
                    row.instant("paused_until"),
                    row.integer("expect_success_within_ms"),
                    row.instant("last_success_at"),
                    row.instant("stale_since"),
                    row.text("dependency"),
                    probe(row),
                    pendingProbe(row),
                    row.instant("held_since"));
        }

        private static Probe probe(Columns row) throws SQLException {
            Long afterMs = row.integer("probe_after_ms");
            return afterMs == null ? null : new Probe(afterMs);
        }

        private static PendingProbe pendingProbe(Columns row) throws SQLException {
            Instant at = row.instant("next_probe_at");
            return at == null ? null : new PendingProbe(at, Duration.ofMillis(row.requiredInteger("probe_waited_ms")));
        }

        private static LastRun lastRun(Columns row) throws SQLException {
            Instant startedAt = row.instant("last_run_at");
            if (startedAt == null) {
                return null;
            }
            return new LastRun(startedAt, row.requiredNamed("last_run_status", RunStatus::fromWireName),
                    row.requiredInteger("last_run_duration_ms"), row.text("last_run_error"));
        }

        private static Claim claim(Columns row) throws SQLException {
            String runId = row.text("claim_run_id");
            if (runId == null) {
                return null;
            }
            // A claim stored before claims had owners belongs to no live instance: it is taken over at start.
            String owner = row.text("claim_owner");
            Long epoch = row.integer("claim_epoch");
            return new Claim(new RunId(runId), row.instant("claim_planned_at"), row.requiredInstant("claimed_at"),
                    row.requiredInteger("claim_version"), new InstanceId(owner == null ? UNKNOWN_OWNER : owner),
                    epoch == null ? 1 : epoch);
        }
    }
}
