package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.model.Incident;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.port.out.Incidents;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The incidents tables, shared by both stores: {@code incident_members} (the signature each job
 * counts under) and {@code incidents}; the statements over them both dialects read alike, and the
 * reads of {@link Incidents}. Flags are bound through {@link SqlValues}, so one statement serves
 * SQLite's 0/1 and PostgreSQL's booleans.
 */
public final class IncidentColumns {

    static final String COLUMNS = "id, signature, example, is_open, first_seen_at, last_seen_at, resolved_at";

    /** Positional: the job ids are appended as {@code ?, ?, ...}. */
    static final String MEMBERS_OF = "SELECT job_id, signature FROM incident_members WHERE job_id IN ";
    /** Positional: job id, signature. */
    static final String UPSERT_MEMBER = "INSERT INTO incident_members (job_id, signature) VALUES (?, ?)"
            + " ON CONFLICT (job_id) DO UPDATE SET signature = excluded.signature";
    /** Positional: job id. */
    static final String DELETE_MEMBER = "DELETE FROM incident_members WHERE job_id = ?";
    /** Positional: signature. */
    static final String COUNT_FAILING = "SELECT count(*) FROM incident_members WHERE signature = ?";
    /** Positional: signature, the open flag. */
    static final String OPEN_OF = "SELECT " + COLUMNS + " FROM incidents WHERE signature = ? AND is_open = ?";
    /** Positional: every column. */
    static final String INSERT = "INSERT INTO incidents (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
    /** Positional: open flag, last seen, resolved at, id. */
    static final String UPDATE = "UPDATE incidents SET is_open = ?, last_seen_at = ?, resolved_at = ? WHERE id = ?";
    /** Positional: the closed flag twice, how many resolved ones to keep. */
    static final String TRIM_RESOLVED = "DELETE FROM incidents WHERE is_open = ? AND id NOT IN"
            + " (SELECT id FROM incidents WHERE is_open = ? ORDER BY resolved_at DESC, id LIMIT ?)";

    private static final String OPEN = "SELECT " + COLUMNS + " FROM incidents WHERE is_open = :open"
            + " ORDER BY first_seen_at DESC, id";
    private static final String RESOLVED = "SELECT " + COLUMNS + " FROM incidents WHERE is_open = :open"
            + " ORDER BY resolved_at DESC, id LIMIT :limit";
    private static final String FIND = "SELECT " + COLUMNS + " FROM incidents WHERE id = :id";
    private static final String FAILING_WITH = "SELECT job_id FROM incident_members WHERE signature = :signature";
    private static final String COUNT_OPEN = "SELECT count(*) FROM incidents WHERE is_open = :open";

    public static final RowMapper<Incident> MAPPER = new Mapper();

    private IncidentColumns() {
    }

    // ---- the reads of Incidents, each in the caller's handle

    /** Open ones newest first, then (unless {@code openOnly}) the newest resolved ones. */
    public static List<Incident> list(Handle h, SqlValues values, boolean openOnly) {
        List<Incident> open = h.createQuery(OPEN).bind("open", values.flag(true)).map(MAPPER).list();
        if (openOnly) {
            return open;
        }
        List<Incident> resolved = h.createQuery(RESOLVED).bind("open", values.flag(false))
                .bind("limit", Incidents.RESOLVED_KEPT).map(MAPPER).list();
        return java.util.stream.Stream.concat(open.stream(), resolved.stream()).toList();
    }

    public static Optional<Incident> find(Handle h, String id) {
        return h.createQuery(FIND).bind("id", id).map(MAPPER).findOne();
    }

    public static List<JobId> failingWith(Handle h, String signature) {
        return h.createQuery(FAILING_WITH).bind("signature", signature)
                .map((rs, ctx) -> new JobId(rs.getString("job_id"))).list();
    }

    public static int openCount(Handle h, SqlValues values) {
        return h.createQuery(COUNT_OPEN).bind("open", values.flag(true)).mapTo(Integer.class).one();
    }

    private static final class Mapper implements RowMapper<Incident> {

        @Override
        public Incident map(ResultSet rs, StatementContext ctx) throws SQLException {
            return read(new Columns(rs));
        }
    }

    static Incident read(Columns row) throws SQLException {
        return new Incident(row.requiredText("id"), row.requiredText("signature"), row.requiredText("example"),
                row.flag("is_open"), row.requiredInstant("first_seen_at"), row.requiredInstant("last_seen_at"),
                row.instant("resolved_at"));
    }
}
