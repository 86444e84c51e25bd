package dev.hourglass.persistence.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed, checked access to the columns of the current row, by name, in either store's spelling
 * ({@link SqlValues}): an instant as ISO-8601 text or a {@code timestamptz}, a flag as 0/1 or a boolean. A value of the wrong type or
 * shape (a hand-edited row) raises {@link BadValueException} naming the column; SQL failures pass.
 */
public final class Columns {

    private final ResultSet rs;

    public Columns(ResultSet rs) {
        this.rs = rs;
    }

    public String text(String column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new BadValueException(column, "expected text, found " + describe(value));
    }

    public String requiredText(String column) throws SQLException {
        return required(column, text(column));
    }

    public Long integer(String column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new BadValueException(column, "expected an integer, found " + describe(value));
    }

    public long requiredInteger(String column) throws SQLException {
        return required(column, integer(column));
    }

    public boolean flag(String column) throws SQLException {
        Object stored = rs.getObject(column);
        if (stored instanceof Boolean bool) {
            return bool;
        }
        long value = requiredInteger(column);
        if (value != 0 && value != 1) {
            throw new BadValueException(column, "expected 0 or 1, found " + value);
        }
        return value == 1;
    }

    public Instant instant(String column) throws SQLException {
        Object stored = rs.getObject(column);
        if (stored instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (stored instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (stored != null && !(stored instanceof String)) {
            throw new BadValueException(column, "expected text, found " + describe(stored));
        }
        try {
            return stored == null ? null : Timestamps.parse((String) stored);
        } catch (IllegalArgumentException e) {
            throw new BadValueException(column, e.getMessage());
        }
    }

    public Instant requiredInstant(String column) throws SQLException {
        return required(column, instant(column));
    }

    /** A lower-case name of an enum, such as a status; null stays null. */
    public <E> E named(String column, Function<String, Optional<E>> fromWireName) throws SQLException {
        String value = text(column);
        if (value == null) {
            return null;
        }
        return fromWireName.apply(value).orElseThrow(() -> new BadValueException(column, "unknown value '" + value + "'"));
    }

    public <E> E requiredNamed(String column, Function<String, Optional<E>> fromWireName) throws SQLException {
        return required(column, named(column, fromWireName));
    }

    private static <T> T required(String column, T value) {
        if (value == null) {
            throw new BadValueException(column, "missing value");
        }
        return value;
    }

    private static String describe(Object value) {
        return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " '" + value + "'";
    }

    /** A stored value the adapter cannot turn back into its domain type. */
    public static final class BadValueException extends RuntimeException {

        BadValueException(String column, String problem) {
            super("column " + column + ": " + problem, null, false, false);
        }
    }
}
