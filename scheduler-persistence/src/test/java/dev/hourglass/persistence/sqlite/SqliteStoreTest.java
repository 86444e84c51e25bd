package dev.hourglass.persistence.sqlite;

import dev.hourglass.persistence.*;
import dev.hourglass.persistence.jdbc.*;

import dev.hourglass.domain.port.out.JobStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The shared store contract, against a real SQLite file. */
class SqliteStoreTest extends JobStoreContract<SqliteStore> {

    @TempDir
    Path dir;

    @Override
    protected SqliteStore createStore() {
        return SqliteStore.open(dir.resolve("data/hourglass.db"));
    }
}
