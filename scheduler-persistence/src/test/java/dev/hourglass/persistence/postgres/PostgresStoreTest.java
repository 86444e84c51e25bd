package dev.hourglass.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.port.out.JobStoreContract;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared store contract, against a real PostgreSQL database. This store judges instance ages by
 * the database's clock, so letting time pass ages the stored instance times, and a recorded
 * instance time is checked against that clock rather than the {@code now} the test passed.
 */
class PostgresStoreTest extends JobStoreContract<PostgresStore> {

    @RegisterExtension
    static final FreshPostgresDatabase postgres = new FreshPostgresDatabase();

    @Override
    protected PostgresStore createStore() throws SQLException {
        PostgresStore store = PostgresStore.open(new PostgresOptions(postgres.jdbcUrl(),
                postgres.database().credentials().getProperty("user"), null, 4));
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE jobs, job_revisions, audit_entries, runs, instances, alerts, incident_members, incidents");
        }
        return store;
    }

    @Override
    protected void elapse(Duration elapsed) {
        try (Connection c = postgres.connect(); PreparedStatement s = c.prepareStatement("UPDATE instances SET"
                + " started_at = started_at - ? * interval '1 millisecond',"
                + " heartbeat_at = heartbeat_at - ? * interval '1 millisecond',"
                + " stopped_at = stopped_at - ? * interval '1 millisecond'")) {
            for (int i = 1; i <= 3; i++) {
                s.setLong(i, elapsed.toMillis());
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database recorded its own time: no later than its clock now, and not from before this test began. */
    @Override
    protected void assertRecordedAt(Instant recorded, Instant given) {
        try (Connection c = postgres.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT now()")) {
            rs.next();
            Instant databaseNow = rs.getTimestamp(1).toInstant();
            assertThat(recorded).isBeforeOrEqualTo(databaseNow).isAfter(databaseNow.minus(Duration.ofDays(2)));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
