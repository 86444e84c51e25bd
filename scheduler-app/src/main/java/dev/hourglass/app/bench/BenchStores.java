package dev.hourglass.app.bench;

import dev.hourglass.domain.Hourglass;
import dev.hourglass.domain.port.out.SchedulerStore;
import dev.hourglass.persistence.postgres.PostgresOptions;
import dev.hourglass.persistence.postgres.PostgresStore;
import dev.hourglass.persistence.sqlite.SqliteOptions;
import dev.hourglass.persistence.sqlite.SqliteStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Where an engine workload keeps its jobs: a fresh SQLite file, or a fresh database on a PostgreSQL
 * server (created next to the one in the URL, dropped afterwards: the user's own data is never
 * touched) shared by {@code instances} engines in this process, each with its own connection pool,
 * as separate processes would be.
 */
abstract class BenchStores {

    final int instances;

    private BenchStores(int instances) {
        this.instances = instances;
    }

    static BenchStores sqlite(Path dir, SqliteOptions options) {
        return new BenchStores(1) {
            @Override
            Opened open(String name) {
                SqliteStore store = SqliteStore.open(dir.resolve(name + ".db"), options);
                return new Opened(List.of(store), store::close);
            }

            @Override
            String describe() {
                return "sqlite sync=" + (options.syncEveryCommit() ? "full" : "normal");
            }
        };
    }

    static BenchStores postgres(String url, String password, int instances) {
        return new BenchStores(instances) {
            private int made;

            @Override
            Opened open(String name) throws Exception {
                String database = "hourglass_bench_" + ProcessHandle.current().pid() + "_" + (++made);
                PostgresOptions server = PostgresOptions.fromUrl(url, password);
                admin(server, "CREATE DATABASE " + database);
                List<SchedulerStore> stores = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    stores.add(PostgresStore.open(PostgresOptions.fromUrl(withDatabase(url, database), password)));
                }
                return new Opened(stores, () -> {
                    for (SchedulerStore store : stores) {
                        ((PostgresStore) store).close();
                    }
                    admin(server, "DROP DATABASE IF EXISTS " + database);
                });
            }

            @Override
            String describe() {
                return "postgresql instances=" + instances;
            }
        };
    }

    /** One store per engine; all see the same jobs. */
    record Opened(List<SchedulerStore> stores, AutoCloseable closer) implements AutoCloseable {

        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    abstract Opened open(String name) throws Exception;

    abstract String describe();

    /** An engine over {@code store}, wired to the store's own cluster services as the service does. */
    static Hourglass.Builder engine(SchedulerStore counted, SchedulerStore real) {
        Hourglass.Builder builder = Hourglass.builder(counted);
        if (real instanceof PostgresStore postgres) {
            builder.singletons(postgres).scheduleChanges(postgres);
        }
        return builder;
    }

    private static void admin(PostgresOptions server, String sql) throws Exception {
        Properties credentials = new Properties();
        credentials.setProperty("user", server.user());
        if (server.password() != null) {
            credentials.setProperty("password", server.password());
        }
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), credentials);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** {@code url} (postgresql:// or jdbc:postgresql://) with its database replaced. */
    static String withDatabase(String url, String database) {
        int scheme = url.indexOf("://") + 3;
        int slash = url.indexOf('/', scheme);
        int query = url.indexOf('?', scheme);
        String tail = query < 0 ? "" : url.substring(query);
        return (slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash)) + "/" + database + tail;
    }
}
