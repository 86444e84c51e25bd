package dev.hourglass.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL fixture itself: a real server, a database per test class, a restart. */
class TestPostgresTest {

    @RegisterExtension
    static final FreshPostgresDatabase postgres = new FreshPostgresDatabase();

    /** Stands for a second test class asking for its own database. */
    private static final class AnotherTestClass {
    }

    @Test
    void a_test_class_gets_a_database_it_can_create_tables_in() throws Exception {
        try (Connection connection = postgres.connect(); Statement sql = connection.createStatement()) {
            assertThat(single(sql, "select version()")).startsWith("PostgreSQL ");
            assertThat(single(sql, "select current_database()")).isEqualTo(postgres.database().name());

            sql.execute("create table jobs (id text primary key, name text not null)");
            sql.execute("insert into jobs values ('j1', 'nightly')");

            assertThat(single(sql, "select name from jobs where id = 'j1'")).isEqualTo("nightly");
        }
    }

    @Test
    void two_test_classes_get_separate_databases() throws Exception {
        TestPostgres.Database other = postgres.server().createDatabase(AnotherTestClass.class);
        try {
            assertThat(other.name()).isNotEqualTo(postgres.database().name());
            try (Connection mine = postgres.connect(); Statement sql = mine.createStatement()) {
                sql.execute("create table only_mine (id int)");
            }
            try (Connection theirs = other.connect(); Statement sql = theirs.createStatement()) {
                assertThat(single(sql, "select current_database()")).isEqualTo(other.name());
                assertThat(single(sql, "select count(*) from information_schema.tables where table_name = 'only_mine'"))
                        .isEqualTo("0");
            }
        } finally {
            postgres.server().dropDatabase(other);
        }
    }

    @Test
    void a_restarted_server_drops_its_connections_and_keeps_its_data() throws Exception {
        try (Connection connection = postgres.connect(); Statement sql = connection.createStatement()) {
            sql.execute("create table survivors (id int)");
            sql.execute("insert into survivors values (1)");
        }
        if (!postgres.server().isThrowaway()) {
            assertThatThrownBy(() -> postgres.server().restart()).isInstanceOf(UnsupportedOperationException.class);
            return;
        }
        try (Connection before = postgres.connect()) {
            postgres.server().restart();

            assertThatThrownBy(() -> single(before.createStatement(), "select 1")).isInstanceOf(SQLException.class);
        }
        try (Connection after = postgres.connect(); Statement sql = after.createStatement()) {
            assertThat(single(sql, "select count(*) from survivors")).isEqualTo("1");
        }
    }

    @Test
    void a_stopped_server_refuses_connections_until_it_starts_again() throws Exception {
        if (!postgres.server().isThrowaway()) {
            return;
        }
        postgres.server().stop(TestPostgres.StopMode.IMMEDIATE);
        try {
            assertThatThrownBy(postgres::connect).isInstanceOf(SQLException.class);
        } finally {
            postgres.server().start();
        }
        try (Connection connection = postgres.connect(); Statement sql = connection.createStatement()) {
            assertThat(single(sql, "select 1")).isEqualTo("1");
        }
    }

    @Test
    void without_binaries_there_is_nothing_to_start(@TempDir Path empty) throws Exception {
        assertThat(TestPostgres.binaries(empty)).isEmpty();
        assertThat(TestPostgres.binaries(empty.resolve("absent"))).isEmpty();
        Files.createDirectories(empty.resolve("15").resolve("bin"));
        assertThat(TestPostgres.binaries(empty)).as("a version folder without initdb").isEmpty();

        assertThatThrownBy(() -> TestPostgres.requireBinaries(empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install postgresql")
                .hasMessageContaining(TestPostgres.URL_VARIABLE)
                .hasMessageNotContaining("\n");
    }

    @Test
    void the_newest_version_with_every_tool_is_chosen(@TempDir Path root) throws Exception {
        for (String version : new String[] {"9.6", "13", "15", "16"}) {
            Path bin = Files.createDirectories(root.resolve(version).resolve("bin"));
            for (String tool : new String[] {"initdb", "pg_ctl", "postgres"}) {
                if (!(version.equals("16") && tool.equals("postgres"))) {
                    Files.createFile(bin.resolve(tool)).toFile().setExecutable(true);
                }
            }
        }

        assertThat(TestPostgres.binaries(root)).as("16 lacks postgres").hasValue(root.resolve("15").resolve("bin"));
    }

    @Test
    void an_existing_servers_url_gets_each_database_in_place_of_its_own() {
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://db.test:5433/postgres?user=ci&password=p", "t_a_1"))
                .isEqualTo("jdbc:postgresql://db.test:5433/t_a_1?user=ci&password=p");
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://127.0.0.1:5432", "t_b_2"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/t_b_2");
        assertThatThrownBy(() -> TestPostgres.withDatabase("postgresql://x/y", "z"))
                .hasMessageContaining(TestPostgres.URL_VARIABLE);
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet row = sql.executeQuery(query)) {
            assertThat(row.next()).as(query).isTrue();
            return row.getString(1);
        }
    }
}
