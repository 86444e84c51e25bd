package dev.hourglass.persistence.sqlite;

import dev.hourglass.persistence.*;
import dev.hourglass.persistence.jdbc.*;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain JDBC on a database file, the way an operator's sqlite3 shell would touch it: no adapter involved. */
final class RawDb implements AutoCloseable {

    private final Connection connection;

    RawDb(Path file) throws SQLException {
        this.connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    Connection connection() {
        return connection;
    }

    int update(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        }
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    long number(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            return rs.getLong(1);
        }
    }

    /** Every row of the table in storage order, each value with its SQLite type, e.g. {@code text:'abc'}. */
    List<String> dump(String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " ORDER BY seq")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    row.append(rs.getMetaData().getColumnName(i)).append('=')
                            .append(value == null ? "null" : value.getClass().getSimpleName() + ":'" + value + "'")
                            .append(i < columns ? ", " : "");
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
