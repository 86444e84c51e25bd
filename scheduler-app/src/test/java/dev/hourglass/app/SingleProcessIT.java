package dev.hourglass.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.app.StubWebhook.Answer;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One process per SQLite file (CONTRACT §10.5): a second jar started on the file of a running one
 * exits 2 naming the file and the holder, before it recovers or fires anything, so the first one's
 * run in flight is neither fired twice nor loses its outcome.
 */
class SingleProcessIT {

    private static final String TOKEN = "single-process-token";
    private static final long GIVE_UP_SECONDS = 30;

    @TempDir
    Path dir;

    private final StubWebhook webhook = new StubWebhook();
    private ServiceProcess first;

    SingleProcessIT() throws Exception {
    }

    @AfterEach
    void stop() throws Exception {
        webhook.close();
        if (first != null) {
            first.close();
        }
    }

    @Test
    void a_second_process_on_the_same_file_exits_2_and_the_first_ones_run_completes_once() throws Exception {
        Path db = dir.resolve("scheduler.db");
        webhook.answer(Answer.hanging("done"));
        first = ServiceProcess.start(dir, "--port", "0", "--db", db.toString(), "--token", TOKEN,
                "--runner", "webhook", "--webhook-url", webhook.url().toString());
        ApiClient api = new ApiClient(first.api(), TOKEN);
        String id = api.create("{\"name\":\"long-run\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":1000},"
                + "\"task\":\"t\"}");
        StubWebhook.Received inFlight = webhook.awaitRequest(GIVE_UP_SECONDS);
        assertThat(inFlight).as("the first fire reached the webhook").isNotNull();

        ServiceProcess.Finished second = ServiceProcess.runToExit("--port", "0", "--db", db.toString(),
                "--token", TOKEN, "--runner", "webhook", "--webhook-url", webhook.url().toString());

        assertThat(second.exitCode()).isEqualTo(2);
        assertThat(second.stderr().strip().lines()).hasSize(1);
        assertThat(second.stderr()).contains(db.toString()).contains("pid " + first.pid());
        assertThat(second.stdout()).doesNotContain("listening");
        assertThat(webhook.received()).as("nothing fired the run again").hasSize(1);

        webhook.answer(Answer.ok("done"));
        webhook.releaseHanging();
        JsonNode run = awaitFirstRun(api, id);
        assertThat(run.get("status").asText()).isEqualTo("ok");
        assertThat(run.get("runId").asText()).isEqualTo(inFlight.header("Idempotency-Key"));
        assertThat(run.get("instance").isNull()).isFalse();
    }

    private static JsonNode awaitFirstRun(ApiClient api, String id) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(GIVE_UP_SECONDS);
        JsonNode runs = api.get("/" + id + "/runs").body().get("runs");
        while (runs.isEmpty() && Instant.now().isBefore(giveUp)) {
            Thread.onSpinWait();
            runs = api.get("/" + id + "/runs").body().get("runs");
        }
        assertThat(runs).as("a run was recorded").isNotEmpty();
        return runs.get(runs.size() - 1);
    }
}
