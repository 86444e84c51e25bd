package dev.hourglass.persistence.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The PostgreSQL server the tests of one JVM share: a throwaway one, started on first use, or an
 * existing one named by {@code HOURGLASS_TEST_POSTGRES_URL} (a {@code jdbc:postgresql://} URL whose
 * user may create databases). Each test class gets a database of its own
 * ({@link #createDatabase}, or the {@link FreshPostgresDatabase} extension).
 *
 * <p>The throwaway server is Debian's PostgreSQL, the newest under {@code /usr/lib/postgresql/*}:
 * {@code initdb} into a temporary folder, {@code pg_ctl} on a free loopback port with its unix
 * socket in that folder, trust authentication for the user {@value #USER}. PostgreSQL refuses to
 * run as root, so as root the folder is handed to the {@code postgres} OS user and every command
 * runs as that user through {@code runuser}. A shutdown hook stops the server and deletes the
 * folder. Without the binaries the tests fail with one line saying what to install: never skipped.
 */
public final class TestPostgres {

    public static final String URL_VARIABLE = "HOURGLASS_TEST_POSTGRES_URL";
    static final String USER = "hourglass";
    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final String JDBC_PREFIX = "jdbc:postgresql://";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static TestPostgres shared;
    private static RuntimeException sharedFailure;

    /** A database made for one test class. */
    public record Database(String name, String jdbcUrl, Properties credentials) {

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, credentials);
        }
    }

    /** How {@link #stop} stops the server: {@code fast} rolls back and checkpoints, {@code immediate} is a crash. */
    public enum StopMode { FAST, IMMEDIATE }

    private final String serverUrl;
    private final Properties credentials;
    private final LocalServer local;

    private TestPostgres(String serverUrl, Properties credentials, LocalServer local) {
        this.serverUrl = serverUrl;
        this.credentials = credentials;
        this.local = local;
    }

    /** The server of this JVM, started on the first call. */
    public static synchronized TestPostgres shared() {
        if (shared == null && sharedFailure == null) {
            try {
                String url = System.getenv(URL_VARIABLE);
                shared = url == null || url.isBlank() ? throwaway() : existing(url.trim());
            } catch (RuntimeException e) {
                sharedFailure = e;
            }
        }
        if (sharedFailure != null) {
            throw new IllegalStateException(sharedFailure.getMessage(), sharedFailure);
        }
        return shared;
    }

    /** A new, empty database named after {@code owner} (a test class), unique on the server. */
    public Database createDatabase(Class<?> owner) {
        String base = owner.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        String name = "t_" + base.substring(0, Math.min(base.length(), 40)) + "_" + ProcessHandle.current().pid()
                + "_" + DATABASES.incrementAndGet();
        execute("CREATE DATABASE \"" + name + "\"");
        return new Database(name, urlOf(name), credentials);
    }

    /** Drops a database made by {@link #createDatabase}, closing whatever is still connected to it. */
    public void dropDatabase(Database database) {
        try {
            execute("DROP DATABASE IF EXISTS \"" + database.name() + "\" WITH (FORCE)");
        } catch (IllegalStateException beforePostgres13) {
            execute("DROP DATABASE IF EXISTS \"" + database.name() + "\"");
        }
    }

    /** Restarts the throwaway server ({@code pg_ctl restart -m fast}) on the same port and data. */
    public void restart() {
        requireLocal("restart").restart();
    }

    /** Stops the throwaway server; {@link #start} brings it back on the same port and data. */
    public void stop(StopMode mode) {
        requireLocal("stop").stop(mode);
    }

    public void start() {
        requireLocal("start").start();
    }

    /** True for the server these tests started; false for one named by {@value #URL_VARIABLE}. */
    public boolean isThrowaway() {
        return local != null;
    }

    private LocalServer requireLocal(String what) {
        if (local == null) {
            throw new UnsupportedOperationException("cannot " + what + " the PostgreSQL server at " + URL_VARIABLE
                    + ": only a server the tests started themselves");
        }
        return local;
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl, credentials);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + serverUrl + ": " + e.getMessage(), e);
        }
    }

    private String urlOf(String database) {
        return withDatabase(serverUrl, database);
    }

    /** {@code url} with its database (the path) replaced by {@code database}; query parameters kept. */
    static String withDatabase(String url, String database) {
        if (!url.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException(URL_VARIABLE + " must be a jdbc:postgresql:// URL, got '" + url + "'");
        }
        String rest = url.substring(JDBC_PREFIX.length());
        int query = rest.indexOf('?');
        String params = query < 0 ? "" : rest.substring(query);
        String authorityAndPath = query < 0 ? rest : rest.substring(0, query);
        int slash = authorityAndPath.indexOf('/');
        String authority = slash < 0 ? authorityAndPath : authorityAndPath.substring(0, slash);
        return JDBC_PREFIX + authority + "/" + database + params;
    }

    private static TestPostgres existing(String url) {
        withDatabase(url, "postgres");
        return new TestPostgres(url, new Properties(), null);
    }

    private static TestPostgres throwaway() {
        LocalServer server = LocalServer.create(requireBinaries(DEBIAN_ROOT));
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "test-postgres-stop"));
        Properties credentials = new Properties();
        credentials.setProperty("user", USER);
        return new TestPostgres(JDBC_PREFIX + "127.0.0.1:" + server.port + "/postgres", credentials, server);
    }

    /** {@link #binaries}, or the one-line reason why the tests cannot start a server. */
    static Path requireBinaries(Path root) {
        return binaries(root).orElseThrow(() -> new IllegalStateException(
                "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found under " + root
                        + "/*/bin: install Debian's postgresql package (apt-get install postgresql), or set "
                        + URL_VARIABLE + " to a jdbc:postgresql:// URL of a server to use"));
    }

    /** The {@code bin} folder of the newest PostgreSQL under {@code root} that has initdb, pg_ctl and postgres. */
    static Optional<Path> binaries(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Stream.of("initdb", "pg_ctl", "postgres")
                            .allMatch(tool -> Files.isExecutable(bin.resolve(tool))))
                    .max(Comparator.comparing(bin -> versionOf(bin.getParent().getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code "15"} as 15.0, {@code "9.6"} as 9.6, anything else lowest. */
    private static double versionOf(String name) {
        try {
            return Double.parseDouble(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The throwaway server: its folder, port and the pg_ctl commands on it. */
    private static final class LocalServer {

        private static final long COMMAND_SECONDS = 120;

        private final Path bin;
        private final Path folder;
        private final Path data;
        private final int port;
        private final boolean asPostgresUser;

        private LocalServer(Path bin, Path folder, int port, boolean asPostgresUser) {
            this.bin = bin;
            this.folder = folder;
            this.data = folder.resolve("data");
            this.port = port;
            this.asPostgresUser = asPostgresUser;
        }

        static LocalServer create(Path bin) {
            boolean root = isRoot();
            Path folder;
            try {
                folder = Files.createTempDirectory("hourglass-postgres-");
                if (root) {
                    handToPostgresUser(folder);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not make a folder for the test PostgreSQL", e);
            }
            LocalServer server = new LocalServer(bin, folder, freePort(), root);
            try {
                server.run("initdb", "-D", server.data.toString(), "-U", USER, "-A", "trust", "-E", "UTF8",
                        "--no-locale", "--no-sync");
                server.start();
                return server;
            } catch (RuntimeException e) {
                server.destroy();
                throw e;
            }
        }

        void start() {
            run("pg_ctl", "-D", data.toString(), "-l", folder.resolve("server.log").toString(), "-w", "-t", "60",
                    "-o", "-c port=" + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + folder
                            + " -c fsync=off -c max_connections=200",
                    "start");
        }

        void stop(StopMode mode) {
            run("pg_ctl", "-D", data.toString(), "-m", mode.name().toLowerCase(Locale.ROOT), "-w", "-t", "60", "stop");
        }

        /** pg_ctl restart starts again with the options of the last start (postmaster.opts). */
        void restart() {
            run("pg_ctl", "-D", data.toString(), "-l", folder.resolve("server.log").toString(), "-m", "fast", "-w",
                    "-t", "60", "restart");
        }

        /** Stops the server if it runs, then deletes its folder; never throws (a shutdown hook runs it). */
        void destroy() {
            try {
                if (Files.exists(data.resolve("postmaster.pid"))) {
                    stop(StopMode.IMMEDIATE);
                }
            } catch (RuntimeException e) {
                System.err.println("test PostgreSQL: " + e.getMessage());
            }
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                System.err.println("test PostgreSQL: could not delete " + folder + ": " + e.getMessage());
            }
        }

        private void run(String tool, String... args) {
            List<String> command = new ArrayList<>();
            if (asPostgresUser) {
                command.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            command.add(bin.resolve(tool).toString());
            command.addAll(List.of(args));
            Path output = folder.resolve(tool + ".out");
            try {
                Process process = new ProcessBuilder(command).directory(folder.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(tool + " did not finish within " + COMMAND_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue()
                            + ":\n" + tail(output) + tail(folder.resolve("server.log")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not run " + command.get(0), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + tool, e);
            }
        }

        private static String tail(Path file) {
            try {
                List<String> lines = Files.readAllLines(file);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
            } catch (IOException e) {
                return "";
            }
        }

        private static boolean isRoot() {
            try {
                return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return "root".equals(System.getProperty("user.name"));
            }
        }

        private static void handToPostgresUser(Path folder) throws IOException {
            UserPrincipal postgres;
            try {
                postgres = folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            } catch (IOException e) {
                throw new IllegalStateException("PostgreSQL refuses to run as root, and there is no postgres OS user "
                        + "to run it as: install Debian's postgresql package (apt-get install postgresql), which "
                        + "makes that user, or run the tests as another user", e);
            }
            Files.setOwner(folder, postgres);
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free loopback port for the test PostgreSQL", e);
            }
        }
    }
}
