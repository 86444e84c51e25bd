package dev.hourglass.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** Everything the standalone service is started with; built from the command line and environment. */
public record ServiceConfig(
        int port,
        String bind,
        Path db,
        Optional<String> token,
        RunnerKind runner,
        Optional<URI> webhookUrl,
        Duration webhookTimeout,
        Optional<URI> alertWebhook,
        int workers,
        int maxJobs,
        int maxConsecutiveErrors,
        ZoneId timezone,
        Duration shutdownGrace,
        SyncMode sync,
        Duration catchUpWindow,
        Duration auditRetention,
        String instanceName,
        Duration heartbeat,
        Duration lease,
        Optional<String> postgresUrl,
        boolean metricsPublic,
        Duration dependencyWindow,
        int dependencyThreshold) {

    public enum RunnerKind { LOG, WEBHOOK }

    /** SQLite's {@code synchronous}: {@code full} survives a power cut, {@code normal} only a crash. */
    public enum SyncMode { FULL, NORMAL }

    public ServiceConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(webhookUrl, "webhookUrl");
        Objects.requireNonNull(alertWebhook, "alertWebhook");
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(sync, "sync");
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(postgresUrl, "postgresUrl");
        Objects.requireNonNull(dependencyWindow, "dependencyWindow");
        if (runner == RunnerKind.WEBHOOK && webhookUrl.isEmpty()) {
            throw new IllegalArgumentException("--runner webhook needs --webhook-url");
        }
    }

    /** The defaults of the contract, for tests and embedders: port 0, log runner. */
    public static ServiceConfig defaults(Path db) {
        return new ServiceConfig(0, "127.0.0.1", db, Optional.empty(), RunnerKind.LOG, Optional.empty(),
                Duration.ofSeconds(30), Optional.empty(), 4, 10_000, 10, ZoneId.systemDefault(), Duration.ofSeconds(30),
                SyncMode.FULL, Duration.ofSeconds(60), Duration.ofDays(90), defaultInstanceName(), Duration.ofSeconds(2),
                Duration.ofSeconds(10), Optional.empty(), false, Duration.ofSeconds(60), 3);
    }

    /** {@code <hostname>-<pid>}. */
    public static String defaultInstanceName() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElseGet(() -> {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "localhost";
            }
        });
        return host + "-" + ProcessHandle.current().pid();
    }

    public ServiceConfig withPort(int value) {
        return with(c -> c.port = value);
    }

    public ServiceConfig withToken(String value) {
        return with(c -> c.token = Optional.of(value));
    }

    public ServiceConfig withWebhook(URI url, Duration timeout) {
        return with(c -> {
            c.runner = RunnerKind.WEBHOOK;
            c.webhookUrl = Optional.of(url);
            c.webhookTimeout = timeout;
        });
    }

    public ServiceConfig withAlertWebhook(URI url) {
        return with(c -> c.alertWebhook = Optional.of(url));
    }

    public ServiceConfig withMaxConsecutiveErrors(int value) {
        return with(c -> c.maxConsecutiveErrors = value);
    }

    /** {@code GET /metrics} without the token. */
    public ServiceConfig withMetricsPublic(boolean value) {
        return with(c -> c.metricsPublic = value);
    }

    /** When a dependency opens (CONTRACT §11.1): faults of {@code threshold} distinct jobs within {@code window}. */
    public ServiceConfig withDependencyBreaker(Duration window, int threshold) {
        return with(c -> {
            c.dependencyWindow = window;
            c.dependencyThreshold = threshold;
        });
    }

    public ServiceConfig withShutdownGrace(Duration value) {
        return with(c -> c.shutdownGrace = value);
    }

    private ServiceConfig with(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.done();
    }

    /** One copy with some fields changed: the only place besides {@link #defaults} that calls the constructor. */
    private static final class Draft {

        private int port;
        private final String bind;
        private final Path db;
        private Optional<String> token;
        private RunnerKind runner;
        private Optional<URI> webhookUrl;
        private Duration webhookTimeout;
        private Optional<URI> alertWebhook;
        private final int workers;
        private final int maxJobs;
        private int maxConsecutiveErrors;
        private final ZoneId timezone;
        private Duration shutdownGrace;
        private final SyncMode sync;
        private final Duration catchUpWindow;
        private final Duration auditRetention;
        private final String instanceName;
        private final Duration heartbeat;
        private final Duration lease;
        private final Optional<String> postgresUrl;
        private boolean metricsPublic;
        private Duration dependencyWindow;
        private int dependencyThreshold;

        Draft(ServiceConfig c) {
            port = c.port;
            bind = c.bind;
            db = c.db;
            token = c.token;
            runner = c.runner;
            webhookUrl = c.webhookUrl;
            webhookTimeout = c.webhookTimeout;
            alertWebhook = c.alertWebhook;
            workers = c.workers;
            maxJobs = c.maxJobs;
            maxConsecutiveErrors = c.maxConsecutiveErrors;
            timezone = c.timezone;
            shutdownGrace = c.shutdownGrace;
            sync = c.sync;
            catchUpWindow = c.catchUpWindow;
            auditRetention = c.auditRetention;
            instanceName = c.instanceName;
            heartbeat = c.heartbeat;
            lease = c.lease;
            postgresUrl = c.postgresUrl;
            metricsPublic = c.metricsPublic;
            dependencyWindow = c.dependencyWindow;
            dependencyThreshold = c.dependencyThreshold;
        }

        ServiceConfig done() {
            return new ServiceConfig(port, bind, db, token, runner, webhookUrl, webhookTimeout, alertWebhook, workers,
                    maxJobs, maxConsecutiveErrors, timezone, shutdownGrace, sync, catchUpWindow, auditRetention,
                    instanceName, heartbeat, lease, postgresUrl, metricsPublic, dependencyWindow, dependencyThreshold);
        }
    }
}
