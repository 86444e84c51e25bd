package dev.hourglass.persistence.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where a {@link PostgresStore} connects and with what: a JDBC URL, a user, a password, and the
 * pool size. {@link #toString()} and {@link #describe()} never include the password.
 *
 * @param jdbcUrl  {@code jdbc:postgresql://host:port/name}, without credentials
 * @param user     the database user, or null for the driver's default
 * @param password the password, or null (trust or {@code .pgpass})
 */
public record PostgresOptions(String jdbcUrl, String user, String password, int poolSize) {

    private static final String JDBC = "jdbc:postgresql://";
    private static final String PLAIN = "postgresql://";
    private static final String SHORT = "postgres://";

    public PostgresOptions {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (poolSize < 2) {
            throw new IllegalArgumentException("poolSize must be at least 2, was " + poolSize);
        }
    }

    /** True when {@code db} names a PostgreSQL database rather than a SQLite file. */
    public static boolean isPostgresUrl(String db) {
        return db.startsWith(JDBC) || db.startsWith(PLAIN) || db.startsWith(SHORT);
    }

    /**
     * Reads {@code postgresql://user@host:port/name} or {@code jdbc:postgresql://host:port/name?user=...};
     * {@code password} (from {@code SCHEDULER_DB_PASSWORD}) wins over one written in the URL.
     *
     * @throws IllegalArgumentException naming what is wrong, without repeating any password
     */
    public static PostgresOptions fromUrl(String url, String password) {
        String rest;
        if (url.startsWith(JDBC)) {
            rest = url.substring(JDBC.length());
        } else if (url.startsWith(PLAIN)) {
            rest = url.substring(PLAIN.length());
        } else if (url.startsWith(SHORT)) {
            rest = url.substring(SHORT.length());
        } else {
            throw new IllegalArgumentException("not a PostgreSQL URL: expected postgresql://user@host:port/name");
        }
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid PostgreSQL URL: expected postgresql://user@host:port/name");
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("a PostgreSQL URL needs a host and a database name:"
                    + " postgresql://user@host:port/name");
        }
        String user = null;
        String inlinePassword = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0].isEmpty() ? null : parts[0];
            inlinePassword = parts.length > 1 ? parts[1] : null;
        }
        StringBuilder query = new StringBuilder();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals("user") && kv.length == 2) {
                    user = kv[1];
                } else if (kv[0].equals("password") && kv.length == 2) {
                    inlinePassword = kv[1];
                } else if (!pair.isEmpty()) {
                    query.append(query.length() == 0 ? '?' : '&').append(pair);
                }
            }
        }
        String jdbcUrl = JDBC + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + uri.getRawPath()
                + query;
        String chosen = password != null && !password.isEmpty() ? password : inlinePassword;
        return new PostgresOptions(jdbcUrl, user, chosen, 10);
    }

    public PostgresOptions withPoolSize(int size) {
        return new PostgresOptions(jdbcUrl, user, password, size);
    }

    /** The database as it may be shown: {@code postgresql://user@host:port/name}, never the password. */
    public String describe() {
        return "postgresql://" + (user == null ? "" : user + "@") + jdbcUrl.substring(JDBC.length());
    }

    @Override
    public String toString() {
        return "PostgresOptions[" + describe() + ", poolSize=" + poolSize + "]";
    }
}
