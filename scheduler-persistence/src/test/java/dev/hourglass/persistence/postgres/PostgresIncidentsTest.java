package dev.hourglass.persistence.postgres;

import dev.hourglass.domain.port.out.IncidentStoreContract;
import dev.hourglass.domain.port.out.SchedulerStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The incident contract against a real PostgreSQL database; the racing writers are two stores on
 * it, as two instances of a cluster, each committing its own transactions at the same moment.
 */
class PostgresIncidentsTest extends IncidentStoreContract<PostgresStore> {

    @RegisterExtension
    static final FreshPostgresDatabase postgres = new FreshPostgresDatabase();

    @Override
    protected PostgresStore createStore() throws SQLException {
        PostgresStore store = open();
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE jobs, job_revisions, audit_entries, runs, instances, alerts, incident_members,"
                    + " incidents");
        }
        return store;
    }

    @Override
    protected SchedulerStore secondStore() {
        return open();
    }

    @Override
    protected PostgresStore reopened() {
        store.close();
        return open();
    }

    private static PostgresStore open() {
        return PostgresStore.open(new PostgresOptions(postgres.jdbcUrl(),
                postgres.database().credentials().getProperty("user"), null, 8));
    }
}
