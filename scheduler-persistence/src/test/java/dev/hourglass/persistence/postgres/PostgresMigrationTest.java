package dev.hourglass.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.persistence.SchemaTooNewException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL schema under Flyway: one schema however many instances start at once, and no start on a newer one. */
class PostgresMigrationTest {

    private final List<TestPostgres.Database> made = new ArrayList<>();

    @AfterEach
    void dropDatabases() {
        made.forEach(TestPostgres.shared()::dropDatabase);
    }

    private TestPostgres.Database freshDatabase() {
        TestPostgres.Database database = TestPostgres.shared().createDatabase(PostgresMigrationTest.class);
        made.add(database);
        return database;
    }

    private static PostgresOptions optionsFor(TestPostgres.Database database) {
        return new PostgresOptions(database.jdbcUrl(), database.credentials().getProperty("user"), null, 2);
    }

    @Test
    void three_instances_starting_at_the_same_moment_on_an_empty_database_make_one_schema_without_errors()
            throws Exception {
        TestPostgres.Database database = freshDatabase();
        ExecutorService starters = Executors.newFixedThreadPool(3);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<PostgresStore>> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            starts.add(starters.submit(() -> {
                go.await();
                return PostgresStore.open(optionsFor(database));
            }));
        }
        go.countDown();
        for (Future<PostgresStore> start : starts) {
            start.get().close();
        }
        starters.shutdown();

        try (Connection c = database.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version, success FROM hourglass_schema_history"
                        + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
            // In version order; Flyway does not ask for consecutive numbers.
            for (int version : scriptVersions()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("version")).isEqualTo(Integer.toString(version));
                assertThat(rs.getBoolean("success")).isTrue();
            }
            assertThat(rs.next()).as("each script applied once").isFalse();
        }
    }

    @Test
    void an_instance_older_than_the_schema_refuses_to_start_naming_both_versions() throws Exception {
        TestPostgres.Database database = freshDatabase();
        PostgresStore.open(optionsFor(database)).close();
        int newer = PostgresMigrations.LATEST + 1;
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO hourglass_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (" + newer + ", '" + newer + "',"
                    + " 'from a newer Hourglass', 'SQL', 'V" + newer + "__newer.sql', 0, 'hourglass', 1, true)");
        }

        assertThatThrownBy(() -> PostgresStore.open(optionsFor(database)))
                .isInstanceOf(SchemaTooNewException.class)
                .hasMessageContaining("schema version " + newer)
                .hasMessageContaining("knows versions up to " + PostgresMigrations.LATEST)
                .hasMessageContaining(database.name());
    }

    /** Not a timed assertion: prints what Flyway costs at start-up (first use in this JVM, then warm), for the notes. */
    @Test
    void opening_measures_flyway() throws Exception {
        TestPostgres.Database database = freshDatabase();
        org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
        source.setUrl(database.jdbcUrl());
        source.setUser(database.credentials().getProperty("user"));
        try (Connection warm = source.getConnection()) {
            warm.isValid(1);
        }
        long t0 = System.nanoTime();
        PostgresMigrations.migrate(source, database.name());
        long t1 = System.nanoTime();
        PostgresMigrations.migrate(source, database.name());
        long t2 = System.nanoTime();
        PostgresMigrations.migrate(source, database.name());
        long t3 = System.nanoTime();
        System.out.printf("flyway: migrate an empty database (first use in the JVM) %d ms;"
                + " check a migrated one %d ms, again %d ms%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }

    /** The versions of the scripts in the migrations folder, in order; the last is {@link PostgresMigrations#LATEST}. */
    private static List<Integer> scriptVersions() throws Exception {
        java.nio.file.Path folder = java.nio.file.Path.of(PostgresMigrations.class.getResource("migrations").toURI());
        try (var files = java.nio.file.Files.list(folder)) {
            List<Integer> versions = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V[0-9]+__.*\\.sql"))
                    .map(name -> Integer.valueOf(name.substring(1, name.indexOf("__"))))
                    .sorted().toList();
            assertThat(versions).last().isEqualTo(PostgresMigrations.LATEST);
            return versions;
        }
    }
}
