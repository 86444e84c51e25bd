package dev.hourglass.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

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
        Duration shutdownGrace) {

    public enum RunnerKind { LOG, WEBHOOK }

    public ServiceConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(webhookUrl, "webhookUrl");
        Objects.requireNonNull(alertWebhook, "alertWebhook");
        Objects.requireNonNull(timezone, "timezone");
        if (runner == RunnerKind.WEBHOOK && webhookUrl.isEmpty()) {
            throw new IllegalArgumentException("--runner webhook needs --webhook-url");
        }
    }

    /** The defaults of the contract, for tests and embedders: port 0, log runner. */
    public static ServiceConfig defaults(Path db) {
        return new ServiceConfig(0, "127.0.0.1", db, Optional.empty(), RunnerKind.LOG, Optional.empty(),
                Duration.ofSeconds(30), Optional.empty(), 4, 1000, 10, ZoneId.systemDefault(), Duration.ofSeconds(30));
    }

    public ServiceConfig withPort(int value) {
        return new ServiceConfig(value, bind, db, token, runner, webhookUrl, webhookTimeout, alertWebhook, workers,
                maxJobs, maxConsecutiveErrors, timezone, shutdownGrace);
    }

    public ServiceConfig withToken(String value) {
        return new ServiceConfig(port, bind, db, Optional.of(value), runner, webhookUrl, webhookTimeout, alertWebhook,
                workers, maxJobs, maxConsecutiveErrors, timezone, shutdownGrace);
    }

    public ServiceConfig withWebhook(URI url, Duration timeout) {
        return new ServiceConfig(port, bind, db, token, RunnerKind.WEBHOOK, Optional.of(url), timeout, alertWebhook,
                workers, maxJobs, maxConsecutiveErrors, timezone, shutdownGrace);
    }

    public ServiceConfig withAlertWebhook(URI url) {
        return new ServiceConfig(port, bind, db, token, runner, webhookUrl, webhookTimeout, Optional.of(url), workers,
                maxJobs, maxConsecutiveErrors, timezone, shutdownGrace);
    }

    public ServiceConfig withMaxConsecutiveErrors(int value) {
        return new ServiceConfig(port, bind, db, token, runner, webhookUrl, webhookTimeout, alertWebhook, workers,
                maxJobs, value, timezone, shutdownGrace);
    }

    public ServiceConfig withShutdownGrace(Duration value) {
        return new ServiceConfig(port, bind, db, token, runner, webhookUrl, webhookTimeout, alertWebhook, workers,
                maxJobs, maxConsecutiveErrors, timezone, value);
    }
}
