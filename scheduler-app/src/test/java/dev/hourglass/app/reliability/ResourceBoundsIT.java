package dev.hourglass.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.app.ApiClient;
import dev.hourglass.app.Await;
import dev.hourglass.app.ServiceProcess;
import dev.hourglass.app.StubWebhook.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a bad receiver or a busy job cannot take from the packaged service: a webhook that never
 * answers holds no more than {@code --workers} deliveries and each is cut by
 * {@code --webhook-timeout}; a 100 MB answer is read only to 4 KiB; 10,000 runs of one job leave
 * 100 in its history and the memory flat. Each is told by what the service recorded or the receiver
 * saw, never by how long something took.
 */
class ResourceBoundsIT extends JarWithWebhook {

    private static final int WORKERS = 2;
    private static final long TIMEOUT_MS = 1_000;
    private static final Duration GIVE_UP = Duration.ofSeconds(90);

    ResourceBoundsIT() throws Exception {
    }

    @Test
    void a_webhook_that_never_answers_holds_at_most_the_workers_and_each_delivery_is_cut_by_the_timeout()
            throws Exception {
        webhook.answer(Answer.hanging("never"));
        ApiClient api = startWebhookService();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4 * WORKERS; i++) {
            ids.add(api.create("{\"name\":\"hang-" + i + "\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":100},\"task\":\"t\"}"));
        }

        // Only the timeout ends a delivery to a receiver that never answers, so recorded runs beyond
        // the first WORKERS show deliveries going on as earlier ones are cut.
        List<JsonNode> runs = Await.until("3 x " + WORKERS + " cut deliveries in the run history", GIVE_UP,
                () -> runsOf(api, ids), recorded -> recorded.size() >= 3 * WORKERS);

        for (JsonNode run : runs) {
            assertThat(run.get("status").asText()).as("%s", run).isEqualTo("error");
            assertThat(run.get("error").asText()).as("%s", run)
                    .startsWith("timeout: ").endsWith(" within " + TIMEOUT_MS + " ms");
        }
        assertThat(mostAtOnce(runs)).as("runs under way at any one instant, by the history's start and duration")
                .isLessThanOrEqualTo(WORKERS);
        assertThat(webhook.received()).as("deliveries the receiver saw").hasSizeGreaterThanOrEqualTo(runs.size());
        System.out.printf("ResourceBoundsIT: %d deliveries to a silent webhook, %d cut by the %d ms timeout, at most %d"
                + " at once%n", webhook.received().size(), runs.size(), TIMEOUT_MS, mostAtOnce(runs));
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
        // The receiver writes until the runner hangs up (or the whole 100 MiB has gone): wait for it to stop.
        Await.until("the receiver to stop sending the answer", GIVE_UP, () -> webhook.finished() >= 1);
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
        Await.until(count + " runs of " + id, Duration.ofMinutes(10),
                () -> api.job(id).get("runCount").asLong() >= count);
        return service.rssKib();
    }

    /** Every run in the history of {@code ids}. */
    private static List<JsonNode> runsOf(ApiClient api, List<String> ids) throws Exception {
        List<JsonNode> runs = new ArrayList<>();
        for (String id : ids) {
            api.get("/" + id + "/runs?limit=100").body().get("runs").forEach(runs::add);
        }
        return runs;
    }

    /**
     * The most runs that were under way at one instant, each from its start for its duration. A
     * worker starts its next run only after its last one ended, and both instants come from the
     * same clock, so runs in sequence never overlap here; only runs at the same time do.
     */
    private static int mostAtOnce(List<JsonNode> runs) {
        List<long[]> edges = new ArrayList<>();
        for (JsonNode run : runs) {
            long start = Instant.parse(run.get("startedAt").asText()).toEpochMilli();
            edges.add(new long[] {start, 1});
            edges.add(new long[] {start + run.get("durationMs").asLong(), -1});
        }
        edges.sort(Comparator.<long[]>comparingLong(edge -> edge[0]).thenComparingLong(edge -> edge[1]));
        int now = 0;
        int most = 0;
        for (long[] edge : edges) {
            now += (int) edge[1];
            most = Math.max(most, now);
        }
        return most;
    }
}
