package dev.hourglass.app.cli;

import dev.hourglass.app.LogFormat;
import dev.hourglass.app.ServiceConfig;
import dev.hourglass.app.ServiceConfig.RunnerKind;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The service's options; each also reads an environment variable. Turns them into a checked {@link ServiceConfig}. */
@Command(name = "java -jar scheduler-app.jar", mixinStandardHelpOptions = true, sortOptions = false,
        version = "Hourglass 0.1.0",
        description = "Hourglass: a persistent job scheduler with a circuit breaker and deliberate force resume.",
        footer = "Each option also reads its environment variable, shown in brackets.")
public final class ServeCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "${env:SCHEDULER_PORT:-7070}", paramLabel = "PORT",
            description = "HTTP port; 0 picks a free port [SCHEDULER_PORT]. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--bind", defaultValue = "${env:SCHEDULER_BIND:-127.0.0.1}", paramLabel = "HOST",
            description = "Address to listen on; other than loopback only with --token [SCHEDULER_BIND]. Default: ${DEFAULT-VALUE}")
    String bind;

    @Option(names = "--db", defaultValue = "${env:SCHEDULER_DB:-data/scheduler.db}", paramLabel = "FILE|URL",
            description = "SQLite database file (folder created), or a PostgreSQL URL postgresql://user@host:port/name"
                    + " shared by several instances; its password from SCHEDULER_DB_PASSWORD [SCHEDULER_DB]."
                    + " Default: ${DEFAULT-VALUE}")
    String db;

    @Option(names = "--token", defaultValue = "${env:SCHEDULER_API_TOKEN}", paramLabel = "TOKEN",
            description = "Bearer token required on every API route but /health [SCHEDULER_API_TOKEN]. Default: none")
    String token;

    @Option(names = "--runner", defaultValue = "${env:SCHEDULER_RUNNER:-log}", paramLabel = "log|webhook",
            description = "What a fire does: log it, or POST it to --webhook-url [SCHEDULER_RUNNER]. Default: ${DEFAULT-VALUE}")
    String runner;

    @Option(names = "--webhook-url", defaultValue = "${env:SCHEDULER_WEBHOOK_URL}", paramLabel = "URL",
            description = "Where the webhook runner POSTs each run [SCHEDULER_WEBHOOK_URL]")
    String webhookUrl;

    @Option(names = "--webhook-timeout", defaultValue = "${env:SCHEDULER_WEBHOOK_TIMEOUT:-30s}", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long a webhook run may take [SCHEDULER_WEBHOOK_TIMEOUT]. Default: ${DEFAULT-VALUE}")
    Duration webhookTimeout;

    @Option(names = "--alert-webhook", defaultValue = "${env:SCHEDULER_ALERT_WEBHOOK}", paramLabel = "URL",
            description = "Also POST breaker trips here [SCHEDULER_ALERT_WEBHOOK]")
    String alertWebhook;

    @Option(names = "--workers", defaultValue = "${env:SCHEDULER_WORKERS:-4}", paramLabel = "N",
            description = "Tasks run at once [SCHEDULER_WORKERS]. Default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--max-jobs", defaultValue = "${env:SCHEDULER_MAX_JOBS:-10000}", paramLabel = "N",
            description = "Most jobs stored [SCHEDULER_MAX_JOBS]. Default: ${DEFAULT-VALUE}")
    int maxJobs;

    @Option(names = "--max-consecutive-errors", defaultValue = "${env:SCHEDULER_MAX_CONSECUTIVE_ERRORS:-10}",
            paramLabel = "N",
            description = "Errors in a row that trip a job's breaker [SCHEDULER_MAX_CONSECUTIVE_ERRORS]. Default: ${DEFAULT-VALUE}")
    int maxConsecutiveErrors;

    @Option(names = "--timezone", defaultValue = "${env:SCHEDULER_TIMEZONE}", paramLabel = "ZONE",
            description = "Zone of cron jobs that name none [SCHEDULER_TIMEZONE]. Default: the JVM's zone")
    String timezone;

    @Option(names = "--shutdown-grace", defaultValue = "${env:SCHEDULER_SHUTDOWN_GRACE:-30s}", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long a stop waits for running tasks [SCHEDULER_SHUTDOWN_GRACE]. Default: ${DEFAULT-VALUE}")
    Duration shutdownGrace;

    @Option(names = "--sync", defaultValue = "${env:SCHEDULER_SYNC:-full}", paramLabel = "full|normal",
            description = "full: every commit reaches the disk, a committed claim survives a power cut; normal: "
                    + "faster, survives a crash of the process only [SCHEDULER_SYNC]. Default: ${DEFAULT-VALUE}")
    String sync;

    @Option(names = "--catch-up-window", defaultValue = "${env:SCHEDULER_CATCH_UP_WINDOW:-60s}",
            paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Fires missed while down run 5 s apart from start, spread over at most this "
                    + "[SCHEDULER_CATCH_UP_WINDOW]. Default: ${DEFAULT-VALUE}")
    Duration catchUpWindow;

    @Option(names = "--audit-retention", defaultValue = "${env:SCHEDULER_AUDIT_RETENTION:-90d}",
            paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long audit entries are kept; each job's newest 100 always stay "
                    + "[SCHEDULER_AUDIT_RETENTION]. Default: ${DEFAULT-VALUE}")
    Duration auditRetention;

    @Option(names = "--instance-name", defaultValue = "${env:SCHEDULER_INSTANCE_NAME}", paramLabel = "NAME",
            description = "This instance's name in the instance list [SCHEDULER_INSTANCE_NAME]. Default: <hostname>-<pid>")
    String instanceName;

    @Option(names = "--heartbeat", defaultValue = "${env:SCHEDULER_HEARTBEAT:-2s}", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How often this instance renews its lease [SCHEDULER_HEARTBEAT]. Default: ${DEFAULT-VALUE}")
    Duration heartbeat;

    @Option(names = "--lease", defaultValue = "${env:SCHEDULER_LEASE:-10s}", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "An instance silent for longer is dead and its runs are taken over [SCHEDULER_LEASE]. "
                    + "Default: ${DEFAULT-VALUE}")
    Duration lease;

    @Option(names = "--dependency-window", defaultValue = "${env:SCHEDULER_DEPENDENCY_WINDOW:-60s}",
            paramLabel = "DURATION", converter = DurationConverter.class,
            description = "A dependency opens when runs of --dependency-threshold distinct jobs of it end in a "
                    + "dependency fault within this [SCHEDULER_DEPENDENCY_WINDOW]. Default: ${DEFAULT-VALUE}")
    Duration dependencyWindow;

    @Option(names = "--dependency-threshold", defaultValue = "${env:SCHEDULER_DEPENDENCY_THRESHOLD:-3}",
            paramLabel = "N",
            description = "How many distinct jobs of a dependency must fault within --dependency-window to open it "
                    + "[SCHEDULER_DEPENDENCY_THRESHOLD]. Default: ${DEFAULT-VALUE}")
    int dependencyThreshold;

    @Option(names = "--log-format", defaultValue = "${env:SCHEDULER_LOG_FORMAT:-text}", paramLabel = "text|json",
            description = "Log lines on standard error as text, or one JSON object each [SCHEDULER_LOG_FORMAT]. Default: ${DEFAULT-VALUE}")
    String logFormat;

    @Option(names = "--metrics-public", defaultValue = "${env:SCHEDULER_METRICS_PUBLIC:-false}", arity = "0..1",
            paramLabel = "true|false",
            description = "Serve GET /metrics without the token, for a scraper on a trusted network "
                    + "[SCHEDULER_METRICS_PUBLIC]. Default: ${DEFAULT-VALUE}")
    boolean metricsPublic;

    /** The log format asked for, or a {@link ParameterException} for an unknown one. */
    public LogFormat logFormat() {
        return LogFormat.named(logFormat).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--log-format must be text or json, got '" + logFormat + "'"));
    }

    /** The options as a configuration, or a {@link ParameterException} naming the first bad one. */
    public ServiceConfig toConfig() {
        require(port >= 0 && port <= 65_535, "--port must be between 0 and 65535, got " + port);
        require(workers >= 1 && workers <= 1024, "--workers must be between 1 and 1024, got " + workers);
        require(maxJobs >= 1, "--max-jobs must be at least 1, got " + maxJobs);
        require(maxConsecutiveErrors >= 1, "--max-consecutive-errors must be at least 1, got " + maxConsecutiveErrors);
        require(!webhookTimeout.isNegative() && !webhookTimeout.isZero(), "--webhook-timeout must be positive");
        require(!shutdownGrace.isNegative(), "--shutdown-grace must not be negative");
        Optional<String> apiToken = Optional.ofNullable(token).filter(t -> !t.isBlank());
        requireSafeBind(apiToken.isPresent());
        RunnerKind kind = runnerKind();
        Optional<URI> webhook = httpUrl("--webhook-url", webhookUrl);
        require(kind != RunnerKind.WEBHOOK || webhook.isPresent(), "--runner webhook needs --webhook-url");
        require(!catchUpWindow.isNegative(), "--catch-up-window must not be negative");
        require(!auditRetention.isNegative() && !auditRetention.isZero(), "--audit-retention must be positive");
        require(!heartbeat.isNegative() && !heartbeat.isZero(), "--heartbeat must be positive");
        require(lease.compareTo(heartbeat) > 0, "--lease must be longer than --heartbeat, got " + lease + " and "
                + heartbeat);
        require(!dependencyWindow.isNegative() && !dependencyWindow.isZero(), "--dependency-window must be positive");
        require(dependencyThreshold >= 1, "--dependency-threshold must be at least 1, got " + dependencyThreshold);
        boolean postgres = db.startsWith("postgresql://") || db.startsWith("postgres://")
                || db.startsWith("jdbc:postgresql://");
        return new ServiceConfig(port, bind, postgres ? Path.of("data/scheduler.db") : Path.of(db), apiToken, kind,
                webhook, webhookTimeout,
                httpUrl("--alert-webhook", alertWebhook), workers, maxJobs, maxConsecutiveErrors, zone(),
                shutdownGrace, syncMode(), catchUpWindow, auditRetention,
                instanceName == null || instanceName.isBlank() ? ServiceConfig.defaultInstanceName() : instanceName.trim(),
                heartbeat, lease, postgres ? Optional.of(db) : Optional.empty(), metricsPublic, dependencyWindow,
                dependencyThreshold);
    }

    private void requireSafeBind(boolean hasToken) {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--bind: unknown host '" + bind + "'");
        }
        require(hasToken || address.isLoopbackAddress(), "refusing to listen on " + bind
                + " without --token: anyone who reaches it could change jobs. Set --token or bind to 127.0.0.1");
    }

    private ServiceConfig.SyncMode syncMode() {
        try {
            return ServiceConfig.SyncMode.valueOf(sync.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--sync must be full or normal, got '" + sync + "'");
        }
    }

    private RunnerKind runnerKind() {
        try {
            return RunnerKind.valueOf(runner.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--runner must be log or webhook, got '" + runner + "'");
        }
    }

    private Optional<URI> httpUrl(String option, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(value.trim());
            require(("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null,
                    option + " must be an http:// or https:// URL, got '" + value + "'");
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + " is not a URL: '" + value + "'");
        }
    }

    private ZoneId zone() {
        if (timezone == null || timezone.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(timezone.trim());
        } catch (DateTimeException e) {
            throw new ParameterException(spec.commandLine(),
                    "--timezone: unknown time zone '" + timezone + "'; use an IANA zone such as Europe/Berlin");
        }
    }

    private void require(boolean condition, String message) {
        if (!condition) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }
}
