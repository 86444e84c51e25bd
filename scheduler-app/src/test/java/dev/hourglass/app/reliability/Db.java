package dev.hourglass.app.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/** Reads the service's SQLite file directly, as an operator with the sqlite3 shell would: the ground truth. */
final class Db {

    private Db() {
    }

    /** The rows of {@code sql}, each a column-name-to-value map in select order. */
    static List<Map<String, Object>> rows(Path file, String sql, Object... params) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(5_000);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), result.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    static long count(Path file, String sql, Object... params) throws SQLException {
        return ((Number) rows(file, sql, params).get(0).values().iterator().next()).longValue();
    }
}
