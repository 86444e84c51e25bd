package dev.hourglass.persistence.postgres.archfixture;

/** The PostgreSQL side that {@code SqliteThatBorrowsFromPostgres} wrongly uses. */
public final class PostgresHelper {

    private PostgresHelper() {
    }

    public static int key() {
        return 42;
    }
}
