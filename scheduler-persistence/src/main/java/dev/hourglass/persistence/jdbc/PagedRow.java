package dev.hourglass.persistence.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;

/** A row of a listing page: the job (or why it cannot be read) and where the listing stands after it. */
record PagedRow(JobRow row, JobCursor cursor) {

    static final RowMapper<PagedRow> MAPPER = (rs, ctx) -> new PagedRow(JobColumns.MAPPER.map(rs, ctx), cursor(rs));

    private static JobCursor cursor(ResultSet rs) throws SQLException {
        return new JobCursor(new Columns(rs).requiredInstant("created_at"), rs.getLong("seq"));
    }
}
