package dev.hourglass.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.app.StubWebhook.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service end to end: its own process on a temporary SQLite file, the webhook runner
 * pointed at a local stub, driven over loopback HTTP. Waits are on conditions ({@link Await}); the
 * limits only stop a broken build from hanging, and nothing asserts how fast the service was.
 */
class ServiceIT {

    private static final String TOKEN = "it-secret-token";
    private static final long GIVE_UP_SECONDS = 30;
    private static final Duration GIVE_UP = Duration.ofSeconds(GIVE_UP_SECONDS);

    @TempDir
    Path dir;

    private final StubWebhook webhook = new StubWebhook();
    private final StubWebhook alerts = new StubWebhook();
    private ServiceProcess service;

    ServiceIT() throws Exception {
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
    void a_job_fires_by_itself_again_and_again() throws Exception {
        ApiClient api = start();

        String id = api.create(every("ticker", 300));

        for (int fire = 0; fire < 3; fire++) {
            StubWebhook.Received request = webhook.awaitRequest(GIVE_UP_SECONDS);
            assertThat(request).as("fire %d", fire).isNotNull();
            assertThat(request.header("X-Hourglass-Job-Id")).isEqualTo(id);
        }
    }

    @Test
    void a_server_error_plans_the_retry_thirty_seconds_out() throws Exception {
        webhook.answer(Answer.status(500, "broken"));
        ApiClient api = start();

        String id = api.create(every("flaky", 200));
        assertThat(webhook.awaitRequest(GIVE_UP_SECONDS)).isNotNull();
        JsonNode job = awaitRunRecorded(api, id);

        assertThat(job.get("lastRunStatus").asText()).isEqualTo("error");
        assertThat(job.get("lastRunError").asText()).isEqualTo("HTTP 500: broken");
        assertThat(job.get("consecutiveErrors").asInt()).isEqualTo(1);
        assertRetryPlannedAfterTheFailure(job, Duration.ofSeconds(30));
    }

    @Test
    void a_rate_limit_with_retry_after_holds_the_retry_back() throws Exception {
        webhook.answer(Answer.status(429, "slow down", Map.of("Retry-After", "120")));
        ApiClient api = start();

        String id = api.create(every("limited", 200));
        assertThat(webhook.awaitRequest(GIVE_UP_SECONDS)).isNotNull();
        JsonNode job = awaitRunRecorded(api, id);

        assertThat(job.get("consecutiveErrors").asInt()).isEqualTo(1);
        assertRetryPlannedAfterTheFailure(job, Duration.ofSeconds(120));
    }

    @Test
    void ten_failures_trip_the_breaker_alert_once_and_force_resume_revives_the_job() throws Exception {
        webhook.answer(Answer.status(500, "outage"));
        ApiClient api = start("--alert-webhook", alerts.url().toString());
        String id = api.create(every("outage-victim", 3_600_000));

        for (int run = 0; run < 10; run++) {
            assertThat(api.post("/" + id + "/run", "").status()).isEqualTo(200);
        }

        assertThat(api.job(id).get("status").asText()).isEqualTo("failed");
        StubWebhook.Received alert = alerts.awaitRequest(GIVE_UP_SECONDS);
        JsonNode body = new ObjectMapper().readTree(alert.body());
        assertThat(body.get("jobId").asText()).isEqualTo(id);
        assertThat(body.get("jobName").asText()).isEqualTo("outage-victim");
        assertThat(body.get("consecutiveErrors").asInt()).isEqualTo(10);
        assertThat(body.get("lastError").asText()).isEqualTo("HTTP 500: outage");
        assertThat(api.post("/" + id + "/resume", "{}").status()).isEqualTo(409);

        webhook.answer(Answer.ok("fine again"));
        ApiClient.Reply revived = api.post("/" + id + "/resume", "{\"force\":true,\"reason\":\"outage over\"}");
        assertThat(revived.status()).isEqualTo(200);
        assertThat(revived.body().get("job").get("status").asText()).isEqualTo("active");
        assertThat(alerts.received()).hasSize(1);
    }

    @Test
    void a_revived_job_fires_by_itself_again() throws Exception {
        webhook.answer(Answer.status(500, "outage"));
        ApiClient api = start("--max-consecutive-errors", "2");
        String id = api.create(every("comeback", 400));
        for (int run = 0; run < 2; run++) {
            api.post("/" + id + "/run", "");
        }
        assertThat(api.job(id).get("status").asText()).isEqualTo("failed");
        webhook.forgetArrivals();

        webhook.answer(Answer.ok("fine"));
        api.post("/" + id + "/resume", "{\"force\":true}");

        StubWebhook.Received fire = webhook.awaitRequest(GIVE_UP_SECONDS);
        assertThat(fire).isNotNull();
        assertThat(new ObjectMapper().readTree(fire.body()).get("plannedAt").isNull()).as("a scheduled fire").isFalse();
    }

    @Test
    void after_a_crash_every_job_is_there_and_a_job_due_while_down_runs() throws Exception {
        ApiClient api = start();
        String hourly = api.create(every("hourly", 3_600_000));
        Instant dueWhileDown = Instant.now().plusSeconds(2);
        String once = api.create("{\"name\":\"once\",\"schedule\":{\"kind\":\"at\",\"at\":\"" + dueWhileDown
                + "\"},\"task\":\"t\"}");

        service.kill();
        awaitClockPast(dueWhileDown);
        ApiClient restarted = start();

        assertThat(restarted.job(hourly).get("status").asText()).isEqualTo("active");
        assertThat(webhook.awaitRequest(GIVE_UP_SECONDS)).isNotNull();
        JsonNode ran = awaitRunRecorded(restarted, once);
        assertThat(ran.get("status").asText()).isEqualTo("completed");
        assertThat(ran.get("lastRunStatus").asText()).isEqualTo("ok");
    }

    @Test
    void sigterm_lets_the_running_task_finish_records_it_and_exits_zero() throws Exception {
        webhook.answer(Answer.hanging("finished late"));
        ApiClient api = start();
        String id = api.create(every("long-task", 200));
        assertThat(webhook.awaitRequest(GIVE_UP_SECONDS)).isNotNull();

        Thread release = new Thread(() -> {
            try {
                Await.until("the service to log that it is stopping", GIVE_UP,
                        () -> !service.isAlive() || service.log().contains("stopping"));
            } catch (Exception | AssertionError ignored) {
                // the assertions below tell what went wrong
            }
            webhook.releaseHanging();
        });
        release.start();
        int exit = service.terminate(GIVE_UP_SECONDS);
        release.join();

        assertThat(exit).isZero();
        ApiClient restarted = start();
        JsonNode job = restarted.job(id);
        assertThat(job.get("lastRunStatus").asText()).isEqualTo("ok");
        assertThat(job.get("runCount").asInt()).isGreaterThanOrEqualTo(1);
    }

    private ApiClient start(String... extra) throws Exception {
        if (service != null) {
            service.close();
        }
        String[] args = {"--port", "0", "--db", dir.resolve("scheduler.db").toString(), "--token", TOKEN,
                "--runner", "webhook", "--webhook-url", webhook.url().toString(), "--webhook-timeout", "20s",
                "--shutdown-grace", "30s"};
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        service = ServiceProcess.start(dir, all);
        return new ApiClient(service.api(), TOKEN);
    }

    private static String every(String name, long intervalMs) {
        return "{\"name\":\"" + name + "\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":" + intervalMs
                + "},\"task\":\"payload of " + name + "\"}";
    }

    /** The job once its first run is recorded; the webhook has been called by then, the commit follows. */
    private static JsonNode awaitRunRecorded(ApiClient api, String id) throws Exception {
        return Await.until("the first run of " + id + " to be recorded", GIVE_UP, () -> api.job(id),
                job -> job.get("runCount").asInt() > 0);
    }

    private static void awaitClockPast(Instant instant) throws Exception {
        Await.until("the clock to pass " + instant, GIVE_UP, () -> Instant.now().isAfter(instant));
    }

    /**
     * The retry is planned {@code wait} after the failure, by the service's own instants: take
     * {@code wait} off {@code nextRunAt} and the failure's moment is left, which lies after the run
     * ended ({@code lastRunAt + lastRunDurationMs}) and no later than the outcome was stored
     * ({@code updatedAt}). No allowance for how long anything took.
     */
    private static void assertRetryPlannedAfterTheFailure(JsonNode job, Duration wait) {
        Instant runEnded = instant(job, "lastRunAt").plusMillis(job.get("lastRunDurationMs").asLong());
        Instant stored = instant(job, "updatedAt");
        assertThat(instant(job, "nextRunAt").minus(wait))
                .as("nextRunAt - %s s, between the end of the failed run and the storing of its outcome: %s",
                        wait.toSeconds(), job)
                .isBetween(runEnded, stored);
    }

    private static Instant instant(JsonNode job, String field) {
        return Instant.parse(job.get(field).asText());
    }
}
