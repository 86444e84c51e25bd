package dev.hourglass.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.app.ApiClient;
import dev.hourglass.app.ServiceProcess;
import dev.hourglass.app.StubWebhook;
import dev.hourglass.app.StubWebhook.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a bad receiver or a busy job cannot take from the packaged service: a webhook that never
 * answers holds no more than {@code --workers} deliveries and each is cut at
 * {@code --webhook-timeout}; a 100 MB answer is read only to 4 KiB; 10,000 runs of one job leave
 * 100 in its history and the memory flat.
 */
class ResourceBoundsIT extends JarWithWebhook {

    private static final int WORKERS = 2;
    private static final long TIMEOUT_MS = 1_000;

    ResourceBoundsIT() throws Exception {
    }

    @Test
    void a_webhook_that_never_answers_holds_at_most_the_workers_and_is_cut_at_the_timeout() throws Exception {
        webhook.answer(Answer.hanging("never"));
        ApiClient api = startWebhookService();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4 * WORKERS; i++) {
            ids.add(api.create("{\"name\":\"hang-" + i + "\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":100},\"task\":\"t\"}"));
        }
        Thread.sleep(4 * TIMEOUT_MS + 2_000);

        List<Long> arrivals = webhook.received().stream().map(StubWebhook.Received::receivedAtNanos).sorted().toList();
        assertThat(arrivals).as("deliveries go on as earlier ones are cut").hasSizeGreaterThanOrEqualTo(3 * WORKERS);
        for (int k = 0; k + WORKERS < arrivals.size(); k++) {
            assertThat(Duration.ofNanos(arrivals.get(k + WORKERS) - arrivals.get(k)))
                    .as("delivery %d starts only when delivery %d was cut: at most %d at once", k + WORKERS, k, WORKERS)
                    .isGreaterThan(Duration.ofMillis(TIMEOUT_MS - 150));
        }
        int cut = 0;
        for (String id : ids) {
            for (JsonNode run : api.get("/" + id + "/runs").body().get("runs")) {
                assertThat(run.get("status").asText()).isEqualTo("error");
                assertThat(run.get("error").asText()).startsWith("timeout");
                assertThat(run.get("durationMs").asLong()).isBetween(TIMEOUT_MS - 50, TIMEOUT_MS + 1_000);
                cut++;
            }
        }
        assertThat(cut).isGreaterThanOrEqualTo(2 * WORKERS);
        System.out.printf("ResourceBoundsIT: %d deliveries to a silent webhook, %d cut at %d ms, never more than %d at once%n",
                arrivals.size(), cut, TIMEOUT_MS, WORKERS);
    }

    @Test
    void a_hundred_megabyte_answer_is_read_only_to_four_kibibytes() throws Exception {
        webhook.answer(Answer.huge("0123456789abcdef".repeat(64), 100 * 1024));
        ApiClient api = startWebhookService();
        String id = api.create("{\"name\":\"big\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":3600000},\"task\":\"t\"}");

        ApiClient.Reply run = api.post("/" + id + "/run", "");

        assertThat(run.status()).isEqualTo(200);
        assertThat(run.body().get("result").asText().getBytes(StandardCharsets.UTF_8)).hasSize(4096);
        JsonNode stored = api.get("/" + id + "/runs").body().get("runs").get(0);
        assertThat(stored.get("status").asText()).isEqualTo("ok");
        assertThat(stored.get("output").asText().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(4096);
        Thread.sleep(500);
        assertThat(webhook.bytesSent()).as("bytes the receiver managed to send of 100 MiB")
                .isLessThan(16L * 1024 * 1024);
        System.out.printf("ResourceBoundsIT: of a 100 MiB answer the receiver got %d KiB out before the runner hung up%n",
                webhook.bytesSent() / 1024);
    }

    @Test
    void ten_thousand_runs_of_one_job_keep_a_hundred_in_history_and_memory_flat() throws Exception {
        int runs = Integer.getInteger("reliability.historyRuns", 10_000);
        Path db = dir.resolve("history.db");
        service = ServiceProcess.start(dir, List.of("-Xmx128m"), "--port", "0", "--db", db.toString());
        ApiClient api = new ApiClient(service.api(), null);
        String id = api.create("{\"name\":\"busy\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":1},\"task\":\"t\"}");

        long start = System.nanoTime();
        long rssEarly = awaitRuns(api, id, runs / 10);
        long rssHalf = awaitRuns(api, id, runs / 2);
        long rssEnd = awaitRuns(api, id, runs);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(Db.count(db, "SELECT count(*) FROM runs WHERE job_id = ?", id)).as("runs kept").isEqualTo(100);
        assertThat(api.get("/" + id + "/runs?limit=1000").body().get("runs")).hasSize(100);
        System.out.printf("ResourceBoundsIT: %d runs of one job in %.1f s (%.0f runs/s); RSS %d MiB at %d runs,"
                + " %d MiB at %d, %d MiB at %d; history holds 100%n", runs, seconds, runs / seconds, rssEarly / 1024,
                runs / 10, rssHalf / 1024, runs / 2, rssEnd / 1024, runs);
        assertThat(rssEnd - rssHalf).as("RSS growth (KiB) over the second half of the runs").isLessThan(64 * 1024);
    }

    private ApiClient startWebhookService() throws Exception {
        service = ServiceProcess.start(dir, "--port", "0", "--db", dir.resolve("bounds.db").toString(),
                "--runner", "webhook", "--webhook-url", webhook.url().toString(),
                "--workers", String.valueOf(WORKERS), "--webhook-timeout", TIMEOUT_MS + "ms");
        return new ApiClient(service.api(), null);
    }

    /** Waits until the job has run {@code count} times; returns the service's RSS then. */
    private long awaitRuns(ApiClient api, String id, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (api.job(id).get("runCount").asLong() < count) {
            assertThat(System.nanoTime()).as("%d runs within 5 minutes", count).isLessThan(deadline);
            Thread.sleep(100);
        }
        return service.rssKib();
    }
}
