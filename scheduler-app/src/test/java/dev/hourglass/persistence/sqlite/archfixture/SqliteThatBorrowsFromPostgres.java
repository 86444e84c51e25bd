package dev.hourglass.persistence.sqlite.archfixture;

import dev.hourglass.persistence.postgres.archfixture.PostgresHelper;

/** Breaks {@code sqlite_and_postgres_share_only_the_jdbc_mapping}: the SQLite store reaches into the PostgreSQL one. */
public final class SqliteThatBorrowsFromPostgres {

    public int lockKey() {
        return PostgresHelper.key();
    }
}
