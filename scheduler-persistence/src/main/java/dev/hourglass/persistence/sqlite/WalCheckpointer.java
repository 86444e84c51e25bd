package dev.hourglass.persistence.sqlite;

import dev.hourglass.persistence.SchemaTooNewException;
import dev.hourglass.persistence.StoreException;
import dev.hourglass.persistence.StoreInUseException;
import dev.hourglass.persistence.jdbc.*;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log back into the database on its own thread and connection, a little at
 * a time. Left to SQLite, the checkpoint (and its fsync) runs inside whichever commit crosses the
 * threshold, and that commit, with every run waiting on it, stalls for tens of milliseconds.
 * A passive checkpoint never blocks writers or readers.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    private final Connection connection;
    private final ScheduledExecutorService timer;
    private volatile boolean warned;

    WalCheckpointer(Connection connection, Duration every) {
        this.connection = connection;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hourglass-checkpointer");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> checkpoint("PASSIVE"), every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private synchronized void checkpoint(String mode) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(" + mode + ")");
        } catch (SQLException e) {
            if (!warned) {
                warned = true;
                LOG.warn("background WAL checkpoint failed (SQLite checkpoints in the foreground instead): {}",
                        e.getMessage());
            }
        }
    }

    /** Stops the timer and leaves the log empty, so the database file alone holds everything. */
    @Override
    public void close() throws SQLException {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpoint("TRUNCATE");
        connection.close();
    }
}
