package dev.hourglass.app;

import dev.hourglass.app.bench.Benchmark;
import dev.hourglass.app.cli.ServeCommand;
import dev.hourglass.app.metrics.PrometheusMetrics;
import dev.hourglass.app.runner.WebhookAlertSender;
import dev.hourglass.app.runner.LogTaskRunner;
import dev.hourglass.app.runner.LoggingTaskRunner;
import dev.hourglass.app.runner.WebhookTaskRunner;
import dev.hourglass.domain.Hourglass;
import dev.hourglass.domain.engine.EngineSettings;
import dev.hourglass.domain.port.out.TaskRunner;
import dev.hourglass.http.HttpApi;
import dev.hourglass.http.HttpSettings;
import dev.hourglass.http.MetricsScrape;
import dev.hourglass.persistence.sqlite.SqliteOptions;
import dev.hourglass.persistence.sqlite.SqliteStore;
import dev.hourglass.persistence.StoreInUseException;
import dev.hourglass.persistence.postgres.PostgresOptions;
import dev.hourglass.persistence.postgres.PostgresStore;
import dev.hourglass.domain.port.out.SchedulerStore;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The standalone service, and the composition root: the one class that names concrete adapters. */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    /** {@link #run} started the service; the process lives on until it is stopped. */
    static final int STARTED = -1;
    static final int BAD_USAGE = 2;
    static final int FAILED_TO_START = 1;
    /** A task's {@link VirtualMachineError} stopped the service. */
    static final int FATAL_ERROR = 70;

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("bench")) {
            System.exit(Benchmark.run(Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        int exit = run(args, System.out, System.err);
        if (exit != STARTED) {
            System.exit(exit);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        ServeCommand options = new ServeCommand();
        CommandLine cli = new CommandLine(options);
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (parsed.isUsageHelpRequested()) {
                cli.usage(out);
                return 0;
            }
            if (parsed.isVersionHelpRequested()) {
                cli.printVersionHelp(out);
                return 0;
            }
            LogSetup.use(options.logFormat());
            RunningService service = start(options.toConfig());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.close();
                // A clean stop on SIGTERM exits 0, not the JVM's 143.
                Runtime.getRuntime().halt(0);
            }, "hourglass-shutdown"));
            out.println("Hourglass listening on " + service.url());
            out.flush();
            return STARTED;
        } catch (ParameterException e) {
            err.println("hourglass: " + e.getMessage());
            err.println("Run with --help to see every option.");
            return BAD_USAGE;
        } catch (StoreInUseException e) {
            err.println("hourglass: " + e.getMessage());
            return BAD_USAGE;
        } catch (RuntimeException e) {
            LOG.error("could not start", e);
            err.println("hourglass: could not start: " + e.getMessage());
            return FAILED_TO_START;
        }
    }

    /**
     * Opens the store (taking its one-process lock), binds the HTTP port, and only then recovers and
     * starts the engine: a second process, or one whose port is taken, fails before it fires anything.
     */
    public static RunningService start(ServiceConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** As {@link #start(ServiceConfig)}, on the given clock: tests move it to check time-based behaviour. */
    public static RunningService start(ServiceConfig config, Clock clock) {
        List<AutoCloseable> stopOrder = new ArrayList<>();
        // Builds its registry in the background while the store opens and the port is bound.
        PrometheusMetrics metrics = new PrometheusMetrics();
        SchedulerStore store = openStore(config);
        EngineSettings engineSettings = EngineSettings.DEFAULT.withWorkers(config.workers())
                .withShutdownGrace(config.shutdownGrace())
                .withLease(config.heartbeat(), config.lease())
                .withCatchUpWindow(config.catchUpWindow())
                .withAuditRetention(config.auditRetention());
        if (config.postgresUrl().isPresent()) {
            // Other instances' changes arrive by LISTEN/NOTIFY; the poll is the safety net (CONTRACT 10.4).
            engineSettings = engineSettings.withMaxIdle(java.time.Duration.ofSeconds(1));
        }
        try {
            Hourglass hourglass = Hourglass.builder(store)
                    .metrics(metrics)
                    .clock(clock)
                    .runner(runner(config, clock))
                    .alerts(new WebhookAlertSender(config.alertWebhook()))
                    .defaultZone(config.timezone())
                    .maxJobs(config.maxJobs())
                    .maxConsecutiveErrors(config.maxConsecutiveErrors())
                    .dependencyBreaker(config.dependencyWindow(), config.dependencyThreshold())
                    .engineSettings(engineSettings)
                    .instanceName(config.instanceName())
                    .onFatalError(Main::haltOnFatalError)
                    .build();
            if (config.token().isEmpty()) {
                LOG.warn("no --token set: the API is open to every local user; listening on {} only", config.bind());
            }
            HttpSettings http = config.token().map(HttpSettings::withToken).orElseGet(HttpSettings::open)
                    .withMetricsPublic(config.metricsPublic());
            HttpApi api = HttpApi.create(hourglass.useCases(), http,
                    new MetricsScrape(PrometheusMetrics.CONTENT_TYPE, metrics::scrape)).start(config.bind(), config.port());
            stopOrder.add(api::stop);
            hourglass.start();
            stopOrder.add(hourglass);
            stopOrder.add((AutoCloseable) store);
            stopOrder.add(metrics);
            return new RunningService(config.bind(), api.port(), stopOrder);
        } catch (RuntimeException e) {
            stopOrder.forEach(Main::closeQuietly);
            closeQuietly((AutoCloseable) store);
            closeQuietly(metrics);
            throw e;
        }
    }

    /**
     * SQLite on a file, or PostgreSQL for a cluster; the PostgreSQL password comes from
     * {@code SCHEDULER_DB_PASSWORD} only and never appears in a message (see {@link PostgresOptions#describe()}).
     */
    private static SchedulerStore openStore(ServiceConfig config) {
        if (config.postgresUrl().isPresent()) {
            PostgresOptions options = PostgresOptions.fromUrl(config.postgresUrl().get(),
                    System.getenv("SCHEDULER_DB_PASSWORD")).withPoolSize(Math.max(4, config.workers() + 4));
            PostgresStore store = PostgresStore.open(options);
            LOG.info("store: {} (cluster mode)", options.describe());
            return store;
        }
        return SqliteStore.open(config.db(),
                SqliteOptions.defaults().withSyncEveryCommit(config.sync() == ServiceConfig.SyncMode.FULL));
    }

    /**
     * A task took the JVM down with it (out of memory, stack overflow): its run is recorded
     * interrupted and fires again after a restart; this process must not go on half-alive.
     */
    private static void haltOnFatalError(VirtualMachineError error) {
        LOG.error("the JVM failed under a task ({}); exiting so that a supervisor restarts a healthy process",
                error.toString());
        Runtime.getRuntime().halt(FATAL_ERROR);
    }

    private static TaskRunner runner(ServiceConfig config, Clock clock) {
        TaskRunner runner = switch (config.runner()) {
            case LOG -> new LogTaskRunner();
            case WEBHOOK -> new WebhookTaskRunner(config.webhookUrl().orElseThrow(), config.webhookTimeout(), clock);
        };
        return new LoggingTaskRunner(runner);
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("while cleaning up a failed start", e);
        }
    }
}
