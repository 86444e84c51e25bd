package dev.hourglass.persistence.postgres;

import dev.hourglass.domain.port.out.ScheduleChanges;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LISTEN} on a connection of its own, outside the pool, turned into {@link ScheduleChanges}.
 * The connection is not trusted to be alive: every {@link #CHECK_EVERY} the listener notifies
 * itself and expects to hear it back; a connection that fails or stays silent is closed and opened
 * again (backing off up to 5 s). Each time listening starts (the first time and after every
 * reconnect) the subscribers are called once, since changes may have been missed before.
 */
final class PostgresListener implements ScheduleChanges, AutoCloseable {

    static final String CHANNEL = "hourglass_due";
    static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', '')";
    private static final String PING = "ping";
    private static final Duration CHECK_EVERY = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(PostgresListener.class);

    private final PostgresOptions options;
    private final CopyOnWriteArrayList<Runnable> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    private Thread thread;

    PostgresListener(PostgresOptions options) {
        this.options = options;
    }

    @Override
    public synchronized Subscription subscribe(Runnable onChange) {
        subscribers.add(onChange);
        if (thread == null) {
            thread = new Thread(this::loop, "hourglass-postgres-listener");
            thread.setDaemon(true);
            thread.start();
        }
        return () -> subscribers.remove(onChange);
    }

    private void loop() {
        long backoffMs = 100;
        boolean first = true;
        while (!closed) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (!first) {
                    LOG.info("listening for schedule changes on {} again", options.describe());
                }
                first = false;
                // Changes made before LISTEN took effect were not heard: look once.
                signal();
                backoffMs = 100;
                listen(connection);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("the schedule-change listener on {} lost its connection; reconnecting in {} ms: {}",
                        options.describe(), backoffMs, e.getMessage());
                first = false;
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
    }

    /** Waits for notifications; pings itself every {@link #CHECK_EVERY} and gives up on a connection that stays silent. */
    private void listen(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long pingSentAt = 0;
        long lastHeardAt = System.nanoTime();
        while (!closed) {
            long now = System.nanoTime();
            if (now - lastHeardAt > CHECK_EVERY.toNanos() && pingSentAt == 0) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT pg_notify('" + CHANNEL + "', '" + PING + "')");
                }
                pingSentAt = now;
            }
            if (pingSentAt != 0 && now - pingSentAt > CHECK_EVERY.toNanos()) {
                throw new SQLException("no answer to the listener's own notification within " + CHECK_EVERY);
            }
            PGNotification[] notifications = pg.getNotifications((int) Math.max(1, CHECK_EVERY.toMillis() / 4));
            if (notifications == null || notifications.length == 0) {
                continue;
            }
            lastHeardAt = System.nanoTime();
            pingSentAt = 0;
            boolean change = false;
            for (PGNotification notification : notifications) {
                change |= !PING.equals(notification.getParameter());
            }
            if (change) {
                signal();
            }
        }
    }

    private void signal() {
        for (Runnable subscriber : subscribers) {
            try {
                subscriber.run();
            } catch (RuntimeException e) {
                LOG.warn("a schedule-change subscriber failed", e);
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (options.user() != null) {
            properties.setProperty("user", options.user());
        }
        if (options.password() != null) {
            properties.setProperty("password", options.password());
        }
        properties.setProperty("ApplicationName", "hourglass-listener");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(options.jdbcUrl(), properties);
    }

    @Override
    public void close() {
        closed = true;
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
