package dev.hourglass.persistence.sqlite;

import dev.hourglass.persistence.SchemaTooNewException;
import dev.hourglass.persistence.StoreException;
import dev.hourglass.persistence.StoreInUseException;
import dev.hourglass.persistence.jdbc.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The schema, as numbered SQL scripts applied in order. The version a file is at is SQLite's own
 * {@code PRAGMA user_version}; each script runs in one write transaction together with the bump of
 * that version, so a crash leaves the file at the old or the new version, never between.
 */
final class SqliteMigrations {

    /** The scripts under {@code migrations/}, version 1 first. Only ever append. */
    private static final List<String> SCRIPTS = List.of("V1__tables.sql", "V2__query_indexes.sql",
            "V3__owners_instances_alerts.sql", "V4__revisions_timed_pauses_staleness.sql",
            "V5__dependencies_probes.sql", "V6__newest_first_index.sql", "V7__dependencies.sql");

    static final int LATEST = SCRIPTS.size();

    private SqliteMigrations() {
    }

    /** Brings {@code file} to the latest version; a no-op when it is there already. */
    static void migrate(Jdbi writer, Path file) {
        migrate(writer, file, LATEST);
    }

    /** Brings {@code file} to {@code target}, one transaction per script; refuses a file newer than this code. */
    static void migrate(Jdbi writer, Path file, int target) {
        for (int version = userVersion(writer, file); version < target; version = userVersion(writer, file)) {
            int next = version + 1;
            writer.useTransaction(tx -> {
                // Another process may have migrated since we looked: the write lock is ours now, so look again.
                if (userVersion(tx) == next - 1) {
                    tx.createScript(script(next)).execute();
                    tx.execute("PRAGMA user_version = " + next);
                }
            });
        }
    }

    private static int userVersion(Jdbi writer, Path file) {
        int version = writer.withHandle(SqliteMigrations::userVersion);
        if (version > LATEST) {
            throw new SchemaTooNewException(file, version, LATEST);
        }
        return version;
    }

    static int userVersion(Handle handle) {
        return handle.createQuery("PRAGMA user_version").mapTo(Integer.class).one();
    }

    private static String script(int version) {
        String name = "migrations/" + SCRIPTS.get(version - 1);
        try (InputStream in = SqliteMigrations.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("schema script missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema script " + name, e);
        }
    }
}
