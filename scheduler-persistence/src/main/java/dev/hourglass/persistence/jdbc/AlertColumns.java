package dev.hourglass.persistence.jdbc;

import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AlertKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** The alerts table: the outbox, oldest first, each alert deleted once delivered. */
public final class AlertColumns {

    /** Positional; an alert written twice (a retried transaction) is kept once. */
    public static final String INSERT = "INSERT INTO alerts"
            + " (id, kind, subject_id, subject_name, count, detail, created_at, next_attempt_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
    public static final String DUE = "SELECT id, kind, subject_id, subject_name, count, detail, created_at FROM alerts"
            + " WHERE next_attempt_at <= :now ORDER BY created_at, seq LIMIT :limit";
    public static final String DELIVERED = "DELETE FROM alerts WHERE id = :id";
    public static final String DEFERRED = "UPDATE alerts SET next_attempt_at = :next, attempts = attempts + 1,"
            + " last_error = :error WHERE id = :id";
    public static final String BACKLOG = "SELECT count(*) AS waiting, min(created_at) AS oldest FROM alerts";

    public static final RowMapper<Alert> MAPPER = new Mapper();

    private AlertColumns() {
    }

    public static void bind(PreparedStatement statement, Alert alert, SqlValues values) throws SQLException {
        statement.setString(1, alert.id());
        statement.setString(2, alert.kind().wireName());
        statement.setString(3, alert.subjectId());
        statement.setString(4, alert.subjectName());
        statement.setInt(5, alert.count());
        statement.setString(6, alert.detail());
        statement.setObject(7, values.instant(alert.createdAt()));
        statement.setObject(8, values.instant(alert.createdAt()));
    }

    private static final class Mapper implements RowMapper<Alert> {

        @Override
        public Alert map(ResultSet rs, StatementContext ctx) throws SQLException {
            Columns row = new Columns(rs);
            return new Alert(row.requiredText("id"), row.requiredNamed("kind", AlertKind::fromWireName),
                    row.requiredText("subject_id"), row.requiredText("subject_name"),
                    Math.toIntExact(row.requiredInteger("count")), row.text("detail"), row.requiredInstant("created_at"));
        }
    }
}
