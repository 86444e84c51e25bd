package dev.hourglass.persistence.sqlite;

import dev.hourglass.persistence.SchemaTooNewException;
import dev.hourglass.persistence.StoreException;
import dev.hourglass.persistence.StoreInUseException;
import dev.hourglass.persistence.jdbc.*;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * At most {@code size} open connections to one file, opened on first need and reused; a caller
 * waits (first come, first served) when all are lent. With size 1 it is the process's write lock.
 */
final class ConnectionPool implements ConnectionFactory, AutoCloseable {

    /** Opens a connection with every setting applied. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final Semaphore lendable;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    ConnectionPool(int size, Opener opener) {
        this.opener = opener;
        this.lendable = new Semaphore(size, true);
    }

    @Override
    public Connection openConnection() throws SQLException {
        if (closed) {
            throw new SQLException("the store is closed");
        }
        try {
            lendable.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", e);
        }
        try {
            Connection connection = idle.poll();
            return connection != null ? connection : opener.open();
        } catch (SQLException | RuntimeException e) {
            lendable.release();
            throw e;
        }
    }

    /** Takes a connection back; one left inside a transaction is rolled back, a broken one is dropped. */
    @Override
    public void closeConnection(Connection connection) throws SQLException {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            if (closed) {
                connection.close();
            } else {
                idle.add(connection);
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        } finally {
            lendable.release();
        }
    }

    /** Closes the idle connections; those still lent are closed when they come back. */
    @Override
    public void close() throws SQLException {
        closed = true;
        List<SQLException> failures = new ArrayList<>();
        for (Connection connection = idle.poll(); connection != null; connection = idle.poll()) {
            try {
                connection.close();
            } catch (SQLException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            SQLException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
