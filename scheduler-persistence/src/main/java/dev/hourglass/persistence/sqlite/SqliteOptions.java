package dev.hourglass.persistence.sqlite;

import dev.hourglass.persistence.SchemaTooNewException;
import dev.hourglass.persistence.StoreException;
import dev.hourglass.persistence.StoreInUseException;
import dev.hourglass.persistence.jdbc.*;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link SqliteStore} uses its file.
 *
 * @param busyTimeout     how long a statement waits for a lock held by another process before failing
 * @param readConnections how many connections serve reads next to the one write connection
 * @param syncEveryCommit {@code false}: {@code synchronous=NORMAL}, a commit survives a crash of the
 *                        process but may be lost on power failure; {@code true}: {@code synchronous=FULL},
 *                        every commit is flushed to disk before it returns
 */
public record SqliteOptions(Duration busyTimeout, int readConnections, boolean syncEveryCommit) {

    public SqliteOptions {
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout must be between 0 and " + Integer.MAX_VALUE + " ms");
        }
        if (readConnections < 1) {
            throw new IllegalArgumentException("readConnections must be at least 1, got " + readConnections);
        }
    }

    /** A 5 s busy timeout, 4 read connections, {@code synchronous=FULL}: a committed claim survives a power cut. */
    public static SqliteOptions defaults() {
        return new SqliteOptions(Duration.ofSeconds(5), 4, true);
    }

    public SqliteOptions withSyncEveryCommit(boolean value) {
        return new SqliteOptions(busyTimeout, readConnections, value);
    }
}
