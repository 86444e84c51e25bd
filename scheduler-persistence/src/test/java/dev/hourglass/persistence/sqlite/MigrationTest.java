package dev.hourglass.persistence.sqlite;

import dev.hourglass.persistence.*;
import dev.hourglass.persistence.jdbc.*;

import static dev.hourglass.domain.testing.TestJobs.created;
import static dev.hourglass.domain.testing.TestJobs.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.model.JobRevision;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTest {

    @TempDir
    Path dir;

    @Test
    void new_file_is_created_at_the_latest_schema_version() throws Exception {
        Path file = dir.resolve("new.db");

        SqliteStore.open(file).close();

        try (RawDb raw = new RawDb(file)) {
            assertThat(raw.number("PRAGMA user_version")).isEqualTo(SqliteMigrations.LATEST);
        }
    }

    @Test
    void database_created_at_version_1_opens_under_the_latest_with_its_jobs() throws Exception {
        Path file = dir.resolve("old.db");
        Job job = job("from version 1").build();
        Jdbi v1 = Jdbi.create("jdbc:sqlite:" + file);
        SqliteMigrations.migrate(v1, file, 1);
        v1.useHandle(h -> {
            // The row as version 1 wrote it: no claim owner or epoch, an interval without an anchor, none
            // of the columns of versions 4 to 6.
            List<String> later = List.of("claim_owner", "claim_epoch", "revision", "paused_until",
                    "expect_success_within_ms", "last_success_at", "stale_since", "dependency", "dependency_key",
                    "probe_after_ms", "next_probe_at", "probe_waited_ms", "held_since");
            List<String> v1Columns = JobColumns.NAMES.stream().filter(name -> !later.contains(name)).toList();
            String insert = "INSERT INTO jobs (" + String.join(", ", v1Columns) + ") VALUES ("
                    + v1Columns.stream().map(name -> ":" + name).collect(java.util.stream.Collectors.joining(", ")) + ")";
            JobColumns.bind(h.createUpdate(insert), job, SqlValues.SQLITE).bind("schedule_at", (String) null).execute();
            try (var audit = h.getConnection().prepareStatement(AuditColumns.INSERT)) {
                AuditColumns.bind(audit, created(job), SqlValues.SQLITE);
                audit.executeUpdate();
            }
        });
        try (RawDb raw = new RawDb(file)) {
            assertThat(raw.number("PRAGMA user_version")).isEqualTo(1);
            assertThat(indexes(raw)).doesNotContain("jobs_due");
        }

        try (SqliteStore store = SqliteStore.open(file)) {
            assertThat(store.find(job.id())).contains(job);
            assertThat(store.entriesFor(job.id(), 10)).hasSize(1);
            assertThat(store.revisionsOf(job.id(), 10)).extracting(JobRevision::revision).containsExactly(1L);
            assertThat(store.revisionsOf(job.id(), 10).get(0).definition()).isEqualTo(job.definition());
        }
        try (RawDb raw = new RawDb(file)) {
            assertThat(raw.number("PRAGMA user_version")).isEqualTo(SqliteMigrations.LATEST);
            assertThat(indexes(raw)).contains("jobs_due", "runs_by_job", "audit_entries_by_job");
        }
    }

    @Test
    void opening_a_migrated_file_again_changes_nothing() throws Exception {
        Path file = dir.resolve("twice.db");
        SqliteStore.open(file).close();
        List<String> schema;
        try (RawDb raw = new RawDb(file)) {
            schema = raw.dump("(SELECT rowid AS seq, type, name, sql FROM sqlite_schema)");
        }

        SqliteStore.open(file).close();

        try (RawDb raw = new RawDb(file)) {
            assertThat(raw.dump("(SELECT rowid AS seq, type, name, sql FROM sqlite_schema)")).isEqualTo(schema);
            assertThat(raw.number("PRAGMA user_version")).isEqualTo(SqliteMigrations.LATEST);
        }
    }

    @Test
    void file_from_a_newer_hourglass_is_refused_and_left_alone() throws Exception {
        Path file = dir.resolve("future.db");
        SqliteStore.open(file).close();
        int future = SqliteMigrations.LATEST + 1;
        try (RawDb raw = new RawDb(file)) {
            raw.execute("PRAGMA user_version = " + future);
        }

        assertThatThrownBy(() -> SqliteStore.open(file))
                .isInstanceOf(SchemaTooNewException.class)
                .hasMessageContaining("schema version " + future)
                .hasMessageContaining("knows versions up to " + SqliteMigrations.LATEST)
                .satisfies(e -> assertThat(((SchemaTooNewException) e).fileVersion()).isEqualTo(future));
        try (RawDb raw = new RawDb(file)) {
            assertThat(raw.number("PRAGMA user_version")).isEqualTo(future);
        }
    }

    private static List<String> indexes(RawDb raw) throws Exception {
        return raw.dump("(SELECT rowid AS seq, name FROM sqlite_schema WHERE type = 'index')").stream()
                .map(row -> row.replaceAll(".*name=String:'([^']*)'.*", "$1"))
                .toList();
    }
}
