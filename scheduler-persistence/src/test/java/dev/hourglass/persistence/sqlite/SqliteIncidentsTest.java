package dev.hourglass.persistence.sqlite;

import dev.hourglass.domain.port.out.IncidentStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident contract against a real SQLite file: racing threads are ordered by the write lock,
 * and incidents are still there when the file is opened again.
 */
class SqliteIncidentsTest extends IncidentStoreContract<SqliteStore> {

    @TempDir
    Path dir;

    @Override
    protected SqliteStore createStore() {
        return SqliteStore.open(dir.resolve("data/hourglass.db"));
    }

    @Override
    protected SqliteStore reopened() {
        store.close();
        return SqliteStore.open(dir.resolve("data/hourglass.db"));
    }
}
