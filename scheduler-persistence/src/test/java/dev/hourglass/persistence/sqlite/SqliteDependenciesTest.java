package dev.hourglass.persistence.sqlite;

import dev.hourglass.domain.port.out.DependenciesContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The dependency breakers' store contract, against a real SQLite file. */
class SqliteDependenciesTest extends DependenciesContract<SqliteStore> {

    @TempDir
    Path dir;

    @Override
    protected SqliteStore createStore() {
        return SqliteStore.open(dir.resolve("data/hourglass.db"));
    }
}
