package dev.hourglass.persistence.postgres;

import dev.hourglass.persistence.SchemaTooNewException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The PostgreSQL schema, migrated by Flyway from {@code postgres/migrations/V<n>__*.sql}. Flyway
 * takes a PostgreSQL advisory lock for the migration, so instances that start together apply each
 * script once and the others wait, then find nothing to do. A database whose schema is newer than
 * the scripts this code knows is refused before anything touches it.
 */
final class PostgresMigrations {

    /**
     * The newest script in this jar. Only ever append. Flyway applies the scripts in version order
     * and does not ask for consecutive numbers: version 5 is left to work landing beside this.
     */
    static final int LATEST = 6;

    private PostgresMigrations() {
    }

    static void migrate(DataSource dataSource, String database) {
        Flyway flyway = Flyway.configure(PostgresMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:dev/hourglass/persistence/postgres/migrations")
                .table("hourglass_schema_history")
                .target(MigrationVersion.fromVersion(Integer.toString(LATEST)))
                .validateOnMigrate(true)
                .ignoreMigrationPatterns("*:future")
                .load();
        refuseNewerSchema(flyway, database);
        flyway.migrate();
        // Another instance may have applied a newer script while we waited for the lock.
        refuseNewerSchema(flyway, database);
    }

    private static void refuseNewerSchema(Flyway flyway, String database) {
        MigrationInfo current = flyway.info().current();
        if (current != null && current.getVersion() != null
                && current.getVersion().compareTo(MigrationVersion.fromVersion(Integer.toString(LATEST))) > 0) {
            throw new SchemaTooNewException(database, Integer.parseInt(current.getVersion().getMajorAsString()), LATEST);
        }
    }
}
