package dev.hourglass.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.app.StubWebhook.Answer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts survive a crash (CONTRACT §6): the breaker trip's alert is written with the trip, so a
 * service killed while its alert receiver still fails delivers it after the restart, with the same
 * Idempotency-Key, and only once successfully.
 */
class AlertOutboxIT {

    private static final String TOKEN = "outbox-token";
    private static final long GIVE_UP_SECONDS = 30;

    @TempDir
    Path dir;

    private final StubWebhook webhook = new StubWebhook();
    private final StubWebhook alerts = new StubWebhook();
    private ServiceProcess service;

    AlertOutboxIT() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        webhook.close();
        alerts.close();
    }

    @Test
    void an_alert_that_could_not_be_delivered_before_a_crash_arrives_after_the_restart_once() throws Exception {
        AtomicBoolean receiverUp = new AtomicBoolean(false);
        Set<String> acceptedKeys = ConcurrentHashMap.newKeySet();
        List<String> acceptedTwice = new java.util.concurrent.CopyOnWriteArrayList<>();
        alerts.answering(request -> {
            if (!receiverUp.get()) {
                return Answer.status(503, "down");
            }
            if (!acceptedKeys.add(request.header("Idempotency-Key"))) {
                acceptedTwice.add(request.header("Idempotency-Key"));
            }
            return Answer.ok("thanks");
        });
        webhook.answer(Answer.status(500, "broken"));
        ApiClient api = start();
        String id = api.create("{\"name\":\"trips-at-once\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":3600000},"
                + "\"task\":\"t\"}");
        assertThat(api.post("/" + id + "/run", "").status()).isEqualTo(200);
        assertThat(api.job(id).get("status").asText()).isEqualTo("failed");
        StubWebhook.Received refused = alerts.awaitRequest(GIVE_UP_SECONDS);
        assertThat(refused).as("a first delivery was tried").isNotNull();

        service.kill();
        receiverUp.set(true);
        alerts.forgetArrivals();
        api = start();

        StubWebhook.Received delivered = alerts.awaitRequest(GIVE_UP_SECONDS);
        assertThat(delivered).as("the alert arrived after the restart").isNotNull();
        assertThat(delivered.header("Idempotency-Key")).isEqualTo(refused.header("Idempotency-Key"));
        JsonNode body = new ObjectMapper().readTree(delivered.body());
        assertThat(body.get("kind").asText()).isEqualTo("job_failed");
        assertThat(body.get("jobId").asText()).isEqualTo(id);
        assertThat(body.get("consecutiveErrors").asInt()).isEqualTo(1);
        awaitAlertBacklogEmpty(new ApiClient(service.url(), TOKEN));
        assertThat(acceptedKeys).containsExactly(refused.header("Idempotency-Key"));
        assertThat(acceptedTwice).isEmpty();
    }

    private ApiClient start() throws Exception {
        service = ServiceProcess.start(dir, "--port", "0", "--db", dir.resolve("scheduler.db").toString(),
                "--token", TOKEN, "--runner", "webhook", "--webhook-url", webhook.url().toString(),
                "--max-consecutive-errors", "1", "--alert-webhook", alerts.url().toString());
        return new ApiClient(service.api(), TOKEN);
    }

    private static void awaitAlertBacklogEmpty(ApiClient root) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(GIVE_UP_SECONDS);
        while (root.get("/health").body().get("alertBacklog").asInt() > 0 && Instant.now().isBefore(giveUp)) {
            Thread.onSpinWait();
        }
        assertThat(root.get("/health").body().get("alertBacklog").asInt()).isZero();
    }
}
