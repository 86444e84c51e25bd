package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.model.Dependency;
import dev.hourglass.domain.model.DependencyState;
import dev.hourglass.domain.model.DependencyUsage;
import dev.hourglass.domain.model.JobId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The dependency breakers (CONTRACT §11.1), shared by both stores: the {@code dependencies} table,
 * one row per dependency whose breaker ever changed, and {@code dependency_faults}, the faults of
 * each one's window; the statements over them and the mapping both ways.
 */
public final class DependencyColumns {

    private static final String COLUMNS = "dependency_key, name, state, opened_at, open_until, cause, period_ms,"
            + " probes, probe_job_id, version, updated_at";
    static final String SELECT = "SELECT " + COLUMNS + " FROM dependencies";
    public static final String FIND = SELECT + " WHERE dependency_key = :key";
    public static final String ALL = SELECT + " ORDER BY dependency_key";
    public static final String FAULTS_OF = "SELECT dependency_key, job_id, faulted_at, retry_after_ms"
            + " FROM dependency_faults WHERE dependency_key = :key ORDER BY seq";
    public static final String ALL_FAULTS = "SELECT dependency_key, job_id, faulted_at, retry_after_ms"
            + " FROM dependency_faults ORDER BY dependency_key, seq";

    /** Positional, every column; a row that exists already is left alone (the insert then counts 0). */
    static final String INSERT = "INSERT INTO dependencies (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (dependency_key) DO NOTHING";
    /** Positional: every column but the key, then the key and the expected version. */
    static final String UPDATE = "UPDATE dependencies SET name = ?, state = ?, opened_at = ?, open_until = ?,"
            + " cause = ?, period_ms = ?, probes = ?, probe_job_id = ?, version = ?, updated_at = ?"
            + " WHERE dependency_key = ? AND version = ?";
    /** Positional: the key. */
    static final String VERSION = "SELECT version FROM dependencies WHERE dependency_key = ?";
    static final String DELETE_FAULTS = "DELETE FROM dependency_faults WHERE dependency_key = ?";
    static final String INSERT_FAULT = "INSERT INTO dependency_faults (dependency_key, seq, job_id, faulted_at,"
            + " retry_after_ms) VALUES (?, ?, ?, ?, ?)";

    /** A row without its faults; {@link #read} adds them. */
    private static final RowMapper<Dependency> ROW = DependencyColumns::row;

    public static final RowMapper<DependencyUsage> USAGE = DependencyColumns::usage;

    private DependencyColumns() {
    }

    /** The stored dependency with {@code key}, faults and all, if any. */
    public static java.util.Optional<Dependency> find(Handle h, String key) {
        return h.createQuery(FIND).bind("key", key).map(ROW).findOne().map(dependency -> withFaults(dependency,
                h.createQuery(FAULTS_OF).bind("key", key).map(DependencyColumns::fault).list()));
    }

    /** Every stored dependency, by key, faults and all. */
    public static List<Dependency> all(Handle h) {
        Map<String, List<Dependency.Fault>> faults = new LinkedHashMap<>();
        h.createQuery(ALL_FAULTS).map((rs, ctx) -> {
            faults.computeIfAbsent(rs.getString("dependency_key"), key -> new ArrayList<>()).add(fault(rs, ctx));
            return 0;
        }).list();
        return h.createQuery(ALL).map(ROW).list().stream()
                .map(dependency -> withFaults(dependency, faults.getOrDefault(dependency.key(), List.of())))
                .toList();
    }

    private static Dependency withFaults(Dependency d, List<Dependency.Fault> faults) {
        return new Dependency(d.key(), d.name(), d.state(), d.openedAt(), d.openUntil(), d.cause(), d.period(),
                d.probes(), d.probeJobId(), faults, d.version(), d.updatedAt());
    }

    private static Dependency row(ResultSet rs, StatementContext ctx) throws SQLException {
        Columns row = new Columns(rs);
        Long periodMs = row.integer("period_ms");
        String probe = row.text("probe_job_id");
        return new Dependency(row.requiredText("dependency_key"), row.requiredText("name"),
                row.requiredNamed("state", DependencyState::fromWireName), row.instant("opened_at"),
                row.instant("open_until"), row.text("cause"), periodMs == null ? null : Duration.ofMillis(periodMs),
                Math.toIntExact(row.requiredInteger("probes")), probe == null ? null : JobId.of(probe), List.of(),
                row.requiredInteger("version"), row.instant("updated_at"));
    }

    private static Dependency.Fault fault(ResultSet rs, StatementContext ctx) throws SQLException {
        Columns row = new Columns(rs);
        Long retryMs = row.integer("retry_after_ms");
        return new Dependency.Fault(JobId.of(row.requiredText("job_id")), row.requiredInstant("faulted_at"),
                retryMs == null ? null : Duration.ofMillis(retryMs));
    }

    private static DependencyUsage usage(ResultSet rs, StatementContext ctx) throws SQLException {
        Columns row = new Columns(rs);
        return new DependencyUsage(row.requiredText("dependency_key"), row.requiredText("name"),
                Math.toIntExact(row.requiredInteger("jobs")), Math.toIntExact(row.requiredInteger("held")));
    }

    /** Binds {@code d} for {@link #INSERT}. */
    static void bindInsert(PreparedStatement statement, Dependency d, SqlValues values) throws SQLException {
        statement.setString(1, d.key());
        int i = bindState(statement, d, 1, values);
        statement.setObject(++i, values.instant(d.updatedAt()));
    }

    /** Binds {@code d} for {@link #UPDATE}, guarded by {@code expectedVersion}. */
    static void bindUpdate(PreparedStatement statement, Dependency d, long expectedVersion, SqlValues values)
            throws SQLException {
        int i = bindState(statement, d, 0, values);
        statement.setObject(++i, values.instant(d.updatedAt()));
        statement.setString(++i, d.key());
        statement.setLong(++i, expectedVersion);
    }

    /** The columns from {@code name} to {@code version}, from position {@code i + 1}; returns the last bound. */
    private static int bindState(PreparedStatement statement, Dependency d, int i, SqlValues values)
            throws SQLException {
        statement.setString(++i, d.name());
        statement.setString(++i, d.state().wireName());
        statement.setObject(++i, values.instant(d.openedAt()));
        statement.setObject(++i, values.instant(d.openUntil()));
        statement.setString(++i, d.cause());
        statement.setObject(++i, d.period() == null ? null : d.period().toMillis());
        statement.setInt(++i, d.probes());
        statement.setString(++i, d.probeJobId() == null ? null : d.probeJobId().value());
        statement.setLong(++i, d.version());
        return i;
    }

    static void bindFault(PreparedStatement statement, String key, int seq, Dependency.Fault fault, SqlValues values)
            throws SQLException {
        statement.setString(1, key);
        statement.setInt(2, seq);
        statement.setString(3, fault.jobId().value());
        statement.setObject(4, values.instant(fault.at()));
        statement.setObject(5, fault.retryAfter() == null ? null : fault.retryAfter().toMillis());
    }

}
