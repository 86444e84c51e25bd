package dev.hourglass.persistence.sqlite;

import dev.hourglass.domain.engine.MultiEngineContract;
import dev.hourglass.domain.port.out.SchedulerStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Two and three engines sharing one real SQLite file: no double run, no lost outcome, fenced zombies. */
class SqliteMultiEngineTest extends MultiEngineContract {

    @TempDir
    Path dir;

    @Override
    protected SchedulerStore createStore() {
        return SqliteStore.open(dir.resolve("shared.db"));
    }
}
