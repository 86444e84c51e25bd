package dev.hourglass.persistence.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database of its own for one test class, on the JVM's {@link TestPostgres} server: made before
 * the class's first test, dropped after its last.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final FreshPostgresDatabase postgres = new FreshPostgresDatabase();
 * </pre>
 */
public final class FreshPostgresDatabase implements BeforeAllCallback, AfterAllCallback {

    private TestPostgres.Database database;

    @Override
    public void beforeAll(ExtensionContext context) {
        database = TestPostgres.shared().createDatabase(context.getRequiredTestClass());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null) {
            TestPostgres.shared().dropDatabase(database);
            database = null;
        }
    }

    public TestPostgres.Database database() {
        if (database == null) {
            throw new IllegalStateException("FreshPostgresDatabase is used as a static @RegisterExtension field");
        }
        return database;
    }

    public String jdbcUrl() {
        return database().jdbcUrl();
    }

    public Connection connect() throws SQLException {
        return database().connect();
    }

    public TestPostgres server() {
        return TestPostgres.shared();
    }
}
