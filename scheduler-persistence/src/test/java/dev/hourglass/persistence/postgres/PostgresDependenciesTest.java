package dev.hourglass.persistence.postgres;

import dev.hourglass.domain.port.out.DependenciesContract;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The dependency breakers' store contract, against a real PostgreSQL database. */
class PostgresDependenciesTest extends DependenciesContract<PostgresStore> {

    @RegisterExtension
    static final FreshPostgresDatabase postgres = new FreshPostgresDatabase();

    @Override
    protected PostgresStore createStore() throws SQLException {
        PostgresStore store = PostgresStore.open(new PostgresOptions(postgres.jdbcUrl(),
                postgres.database().credentials().getProperty("user"), null, 4));
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE jobs, job_revisions, audit_entries, runs, instances, alerts, dependencies,"
                    + " dependency_faults");
        }
        return store;
    }
}
