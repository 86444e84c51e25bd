package dev.hourglass.persistence.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * A row of a listing page: the job (or why it cannot be read) and where the listing stands after
 * it. The cursor is null only for a {@code created_at} neither an instant, text nor a blob, which the
 * column ({@code TEXT NOT NULL}: SQLite stores a number as text and refuses null) cannot hold; a
 * listing would end there.
 */
record PagedRow(JobRow row, JobCursor cursor) {

    static final RowMapper<PagedRow> MAPPER = (rs, ctx) -> {
        JobRow row = JobColumns.MAPPER.map(rs, ctx);
        return new PagedRow(row, cursor(row, rs));
    };

    /** From the job as read when it can be; the stored value is read again only for a row that cannot. */
    private static JobCursor cursor(JobRow row, ResultSet rs) throws SQLException {
        long seq = rs.getLong("seq");
        if (row.isReadable()) {
            return JobCursor.at(row.job().createdAt(), seq);
        }
        try {
            return JobCursor.at(new Columns(rs).requiredInstant("created_at"), seq);
        } catch (Columns.BadValueException unreadable) {
            return JobCursor.atStored(rs.getObject("created_at"), seq);
        }
    }
}
