package dev.hourglass.app.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hourglass.domain.model.Alert;
import dev.hourglass.domain.model.AlertKind;
import dev.hourglass.domain.port.out.AlertSender;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells operators what the outbox holds: an ERROR log line for every alert, and with an alert URL a
 * JSON POST with its {@code kind} and an {@code Idempotency-Key} (the alert's id), so a receiver
 * drops the duplicates that at-least-once delivery brings. A POST that fails or answers other than
 * 2xx throws, and the outbox tries again later.
 */
public final class WebhookAlertSender implements AlertSender {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookAlertSender.class);
    private static final Duration ALERT_TIMEOUT = Duration.ofSeconds(10);

    private final Optional<URI> alertUrl;
    /** Only with an alert URL: building an HTTP client sets up TLS, which costs start-up time. */
    private final Optional<HttpClient> client;
    private final ObjectMapper json = new ObjectMapper();

    public WebhookAlertSender(Optional<URI> alertUrl) {
        this.alertUrl = alertUrl;
        this.client = alertUrl.map(url -> HttpClient.newBuilder().connectTimeout(ALERT_TIMEOUT).build());
    }

    @Override
    public void send(Alert alert) throws IOException, InterruptedException {
        if (alert.kind() == AlertKind.JOB_FAILED) {
            LOG.error("circuit breaker tripped: job '{}' ({}) failed after {} consecutive errors; last error: {}. "
                    + "Resume it with {\"force\": true} once the cause is fixed",
                    alert.subjectName(), alert.subjectId(), alert.count(), alert.detail());
        } else {
            LOG.error("alert {}: {} ({}), {}: {}", alert.kind().wireName(), alert.subjectName(), alert.subjectId(),
                    alert.count(), alert.detail());
        }
        if (alertUrl.isPresent()) {
            post(alertUrl.get(), alert);
        }
    }

    private void post(URI url, Alert alert) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(ALERT_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", alert.id())
                .POST(HttpRequest.BodyPublishers.ofString(body(alert).toString(), StandardCharsets.UTF_8))
                .build();
        HttpResponse<Void> response = client.orElseThrow().send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the alert webhook answered HTTP " + response.statusCode());
        }
    }

    /** The body of CONTRACT §6 for each kind, always with {@code kind}. */
    ObjectNode body(Alert alert) {
        ObjectNode body = json.createObjectNode().put("kind", alert.kind().wireName());
        switch (alert.kind()) {
            case JOB_FAILED, JOB_STALE -> body.put("jobId", alert.subjectId()).put("jobName", alert.subjectName())
                    .put("consecutiveErrors", alert.count()).put("lastError", alert.detail());
            case DEPENDENCY_OPEN, DEPENDENCY_CLOSED -> body.put("dependency", alert.subjectName())
                    .put("cause", alert.detail()).put("jobsHeld", alert.count());
            case INCIDENT_OPEN, INCIDENT_RESOLVED -> body.put("incidentId", alert.subjectId())
                    .put("signature", alert.detail()).put("example", alert.subjectName()).put("jobs", alert.count());
        }
        return body;
    }
}
