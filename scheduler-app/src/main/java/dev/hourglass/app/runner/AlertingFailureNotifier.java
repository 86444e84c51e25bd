package dev.hourglass.app.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.domain.model.Job;
import dev.hourglass.domain.port.out.FailureNotifier;
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
 * Tells operators that a job's breaker tripped: an ERROR log line always, and with an alert URL a
 * JSON POST sent in the background, so a slow alert receiver never holds up the engine.
 */
public final class AlertingFailureNotifier implements FailureNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(AlertingFailureNotifier.class);
    private static final Duration ALERT_TIMEOUT = Duration.ofSeconds(10);

    private final Optional<URI> alertUrl;
    /** Only with an alert URL: building an HTTP client sets up TLS, which costs start-up time. */
    private final Optional<HttpClient> client;
    private final ObjectMapper json = new ObjectMapper();

    public AlertingFailureNotifier(Optional<URI> alertUrl) {
        this.alertUrl = alertUrl;
        this.client = alertUrl.map(url -> HttpClient.newBuilder().connectTimeout(ALERT_TIMEOUT).build());
    }

    @Override
    public void jobFailed(Job job) {
        String lastError = job.lastRun() == null ? null : job.lastRun().error();
        LOG.error("circuit breaker tripped: job '{}' ({}) failed after {} consecutive errors; last error: {}. "
                + "Resume it with {\"force\": true} once the cause is fixed",
                job.name(), job.id(), job.consecutiveErrors(), lastError);
        alertUrl.ifPresent(url -> post(url, job, lastError));
    }

    private void post(URI url, Job job, String lastError) {
        var body = json.createObjectNode()
                .put("jobId", job.id().value())
                .put("jobName", job.name())
                .put("consecutiveErrors", job.consecutiveErrors())
                .put("lastError", lastError);
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(ALERT_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
        client.orElseThrow().sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null) {
                LOG.warn("alert webhook for job {} failed: {}", job.id(), error.toString());
            } else if (response.statusCode() / 100 != 2) {
                LOG.warn("alert webhook for job {} answered HTTP {}", job.id(), response.statusCode());
            }
        });
    }
}
