package dev.hourglass.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.app.StubWebhook.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTRACT §11.2 through the packaged jar: a job that opted in to probes, failed by its breaker,
 * revives by itself once the probe a minute later finds its target well again.
 */
class AutomaticProbeIT {

    private static final String TOKEN = "probe-token";

    @TempDir
    Path dir;

    private final StubWebhook webhook = new StubWebhook();
    private ServiceProcess service;

    AutomaticProbeIT() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        webhook.close();
    }

    @Test
    void a_failed_job_that_probes_is_revived_by_its_first_successful_probe_without_an_operator() throws Exception {
        AtomicBoolean targetWell = new AtomicBoolean(false);
        webhook.answering(request -> targetWell.get() ? Answer.ok("fine") : Answer.status(500, "broken"));
        service = ServiceProcess.start(dir, "--port", "0", "--db", dir.resolve("scheduler.db").toString(),
                "--token", TOKEN, "--runner", "webhook", "--webhook-url", webhook.url().toString(),
                "--max-consecutive-errors", "1");
        ApiClient api = new ApiClient(service.api(), TOKEN);
        String id = api.create("{\"name\":\"probing\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":3600000},"
                + "\"task\":\"t\",\"probe\":{\"afterMs\":60000}}");

        api.post("/" + id + "/run", "");
        JsonNode failed = api.job(id);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        Instant probeAt = Instant.parse(failed.get("nextProbeAt").asText());
        assertThat(probeAt).isEqualTo(Instant.parse(failed.get("updatedAt").asText()).plusSeconds(60));
        targetWell.set(true);

        JsonNode revived = Await.until("the probe revives the job", Duration.ofSeconds(120), () -> api.job(id),
                job -> job.get("status").asText().equals("active"));

        assertThat(revived.get("consecutiveErrors").asInt()).isZero();
        assertThat(revived.get("nextProbeAt").isNull()).isTrue();
        JsonNode probe = api.get("/" + id + "/runs").body().get("runs").get(0);
        assertThat(probe.get("probe").asBoolean()).isTrue();
        assertThat(probe.get("status").asText()).isEqualTo("ok");
        assertThat(Instant.parse(probe.get("startedAt").asText())).isAfterOrEqualTo(probeAt);
        JsonNode entry = api.get("/" + id + "/audit").body().get("entries").get(0);
        assertThat(entry.get("action").asText()).isEqualTo("probe_resume");
        assertThat(entry.get("actor").asText()).isEqualTo("scheduler");
        assertThat(entry.get("detail").asText()).contains("cleared 1 consecutive errors; last error: HTTP 500: broken");
    }
}
