package dev.hourglass.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.app.StubWebhook.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "The quiet failure" (CONTRACT §11.3) through the packaged jar: eight jobs fail against one broken
 * target, each with an error of its own numbers and ids, and none often enough to trip its breaker.
 * The service sees one cause: one incident opens at the third failure, with one {@code incident_open}
 * alert, and when the target is well again and the jobs succeed it resolves with one
 * {@code incident_resolved} alert.
 *
 * <p>The jobs are {@code every} schedules of one to two seconds, not cron: cron fires on minute
 * boundaries, so eight cron jobs would take up to a minute to fail once, and their retries wait for
 * the next minute too. An {@code every} job fires a second after it is created and, after one error,
 * retries after the 30 s backoff: the whole story takes well under a minute.
 */
class QuietFailureIT {

    private static final String TOKEN = "quiet-token";
    private static final int JOBS = 8;
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StubWebhook target = new StubWebhook();
    private final StubWebhook alerts = new StubWebhook();
    private ServiceProcess service;

    QuietFailureIT() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        target.close();
        alerts.close();
    }

    @Test
    void eight_jobs_failing_alike_open_one_incident_before_any_breaker_trips_and_it_resolves_once_they_succeed()
            throws Exception {
        AtomicBoolean broken = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        target.answering(request -> {
            if (!broken.get()) {
                return Answer.ok("synced");
            }
            failures.incrementAndGet();
            // The same cause, every time with other numbers, ids and names in it.
            return Answer.status(500, "upstream rejected order " + (10_000 + failures.get() * 37) + " for \"customer-"
                    + failures.get() + "\" (trace " + UUID.randomUUID() + ", shard 0x" + Integer.toHexString(failures.get() * 4099)
                    + ") after " + (100 + failures.get()) + " ms");
        });
        alerts.answer(Answer.ok("noted"));
        service = ServiceProcess.start(dir, "--port", "0", "--db", dir.resolve("scheduler.db").toString(),
                "--token", TOKEN, "--runner", "webhook", "--webhook-url", target.url().toString(),
                "--alert-webhook", alerts.url().toString());
        ApiClient api = new ApiClient(service.api(), TOKEN);
        Instant started = Instant.now();

        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= JOBS; i++) {
            ids.add(api.create("{\"name\":\"sync-" + i + "\",\"task\":\"sync\",\"schedule\":{\"kind\":\"every\","
                    + "\"intervalMs\":" + (1000 + 125 * i) + "}}"));
        }

        JsonNode opened = awaitAlert("incident_open");
        int failuresWhenOpened = failures.get();
        List<String> statusesWhenOpened = new ArrayList<>();
        for (String id : ids) {
            statusesWhenOpened.add(api.job(id).get("status").asText());
        }
        assertThat(opened.get("jobs").asInt()).as("it opens at the third failure alike").isEqualTo(3);
        assertThat(opened.get("signature").asText())
                .isEqualTo("HTTP <n>: upstream rejected order <n> for <str> (trace <uuid>, shard <hex>) after <n> ms");
        assertThat(statusesWhenOpened).as("no breaker has tripped").containsOnly("active");

        JsonNode incident = Await.until("all eight jobs in the incident", PATIENCE,
                () -> api.get("/incidents?open=true").body().get("incidents"),
                list -> list.size() == 1 && list.get(0).get("jobs").size() == JOBS).get(0);
        assertThat(incident.get("id").asText()).isEqualTo(opened.get("incidentId").asText());
        assertThat(api.get("").body().get("summary").get("openIncidents").asInt()).isEqualTo(1);
        assertThat(api.get("").body().get("summary").get("failed").asInt()).isZero();
        Instant openedAt = Instant.parse(incident.get("firstSeenAt").asText());
        List<Instant> firstFailures = new ArrayList<>();
        for (String id : ids) {
            firstFailures.add(Instant.parse(api.job(id).get("lastRunAt").asText()));
        }
        firstFailures.sort(null);
        assertThat(kinds()).containsExactly("incident_open");

        broken.set(false);
        Instant recoveredAt = Instant.now();
        JsonNode resolved = awaitAlert("incident_resolved");
        assertThat(resolved.get("incidentId").asText()).isEqualTo(incident.get("id").asText());
        assertThat(resolved.get("jobs").asInt()).as("fewer than two left failing").isEqualTo(1);
        Await.until("every job succeeded again", PATIENCE, () -> ids.stream().allMatch(id -> {
            try {
                return "ok".equals(api.job(id).get("lastRunStatus").asText());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
        JsonNode after = api.get("/incidents").body().get("incidents");
        assertThat(after).singleElement().satisfies(done -> {
            assertThat(done.get("open").asBoolean()).isFalse();
            assertThat(done.get("jobs")).isEmpty();
        });
        assertThat(kinds()).as("one alert each per incident, never one per job")
                .containsExactly("incident_open", "incident_resolved");
        assertThat(alerts.received()).extracting(request -> request.header("Idempotency-Key")).doesNotHaveDuplicates();
        Instant resolvedAt = Instant.parse(after.get(0).get("resolvedAt").asText());
        System.out.printf("quiet failure: the incident opened %d ms after the service started, %d ms after the first"
                + " failure, with the third failing job (runs started %s); the alert had arrived when the target had"
                + " answered %d failures; job statuses then: %s; it resolved %d ms after the target recovered at the"
                + " seventh success; alerts: %s%n",
                Duration.between(started, openedAt).toMillis(), Duration.between(firstFailures.get(0), openedAt).toMillis(),
                firstFailures.subList(0, 3), failuresWhenOpened, statusesWhenOpened,
                Duration.between(recoveredAt, resolvedAt).toMillis(), kinds());
    }

    @Test
    void the_threshold_is_an_option_with_its_variable_and_below_two_it_is_refused() throws Exception {
        ServiceProcess.Finished help = ServiceProcess.runToExit("--help");
        assertThat(help.stdout()).contains("--incident-threshold", "SCHEDULER_INCIDENT_THRESHOLD");

        ServiceProcess.Finished bad = ServiceProcess.runToExit("--incident-threshold", "1", "--port", "0",
                "--db", dir.resolve("never.db").toString());

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr().lines().count()).isBetween(1L, 3L);
        assertThat(bad.stderr()).contains("--incident-threshold must be at least 2").doesNotContain("Exception");
    }

    private JsonNode awaitAlert(String kind) throws Exception {
        return Await.until("an " + kind + " alert", PATIENCE, () -> alertsOf(kind), list -> !list.isEmpty()).get(0);
    }

    private List<JsonNode> alertsOf(String kind) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (StubWebhook.Received request : alerts.received()) {
            JsonNode body = JSON.readTree(request.body());
            if (body.get("kind").asText().equals(kind)) {
                found.add(body);
            }
        }
        return found;
    }

    private List<String> kinds() throws Exception {
        List<String> kinds = new ArrayList<>();
        for (StubWebhook.Received request : alerts.received()) {
            kinds.add(JSON.readTree(request.body()).get("kind").asText());
        }
        return kinds;
    }
}
