package dev.hourglass.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.app.Await;
import dev.hourglass.app.StubWebhook;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTRACT §10.2-10.3 through the packaged jar: three instances on one PostgreSQL database fire
 * many short jobs while one of them at random is SIGKILLed and started again, several times.
 */
class KillInstancesIT {

    private static final int JOBS = 100;
    private static final long INTERVAL_MS = 400;
    private static final int KILLS = 6;

    @TempDir
    Path dir;

    @Test
    void no_job_runs_twice_at_once_and_every_cut_run_is_fired_again_with_its_run_id() throws Exception {
        try (Cluster cluster = Cluster.of(dir, KillInstancesIT.class, 3, "--workers", "16").startAll()) {
            cluster.webhook.delaying(() -> Duration.ofMillis(ThreadLocalRandom.current().nextLong(50, 301)));
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                jobs.add(cluster.api(i % 3).create(Cluster.every("job-" + i, INTERVAL_MS)));
            }
            Random random = new Random(12);
            List<Long> killedAtNanos = new ArrayList<>();
            for (int kill = 0; kill < KILLS; kill++) {
                int slot = random.nextInt(3);
                int witness = (slot + 1) % 3;
                awaitEveryInstanceRunning(cluster);
                String victim = cluster.instanceId(slot);
                killedAtNanos.add(System.nanoTime());
                cluster.node(slot).kill();
                cluster.start(slot);
                Await.until("the claims of killed " + victim + " taken over", Duration.ofSeconds(30), () -> {
                    JsonNode member = cluster.member(witness, victim);
                    return member == null || !member.get("alive").asBoolean() && member.get("running").asInt() == 0;
                });
            }
            awaitEveryInstanceRunning(cluster);
            long settledAt = System.nanoTime();
            Await.until("every job fired after the last restart", Duration.ofSeconds(30),
                    () -> firedSince(cluster.webhook, settledAt).size() == JOBS);

            Map<String, List<StubWebhook.Received>> deliveries = byRunId(cluster.webhook.received());
            List<Long> refireMillis = new ArrayList<>();
            for (List<StubWebhook.Received> sameRun : deliveries.values()) {
                for (int again = 1; again < sameRun.size(); again++) {
                    long first = sameRun.get(again - 1).receivedAtNanos();
                    long refired = sameRun.get(again).receivedAtNanos();
                    killedAtNanos.stream().filter(k -> k > first && k < refired).reduce((a, b) -> b)
                            .ifPresent(k -> refireMillis.add((refired - k) / 1_000_000));
                }
            }
            int interrupted = 0;
            for (String job : jobs) {
                List<JsonNode> runs = cluster.runs(0, job);
                assertNoOverlap(job, runs);
                for (JsonNode run : runs) {
                    if (run.get("status").asText().equals("interrupted")) {
                        interrupted++;
                        String runId = run.get("runId").asText();
                        // A run cut after its claim but before its POST is delivered once, by the new owner.
                        assertThat(deliveries.getOrDefault(runId, List.of())).as("deliveries of cut run %s", runId)
                                .isNotEmpty();
                        assertThat(runs).as("a later outcome of cut run %s", runId).anySatisfy(later -> {
                            assertThat(later.get("runId").asText()).isEqualTo(runId);
                            assertThat(later.get("status").asText()).isIn("ok", "superseded");
                        });
                    }
                }
                JsonNode state = cluster.api(1).job(job);
                assertThat(state.get("status").asText()).as("status of %s", job).isEqualTo("active");
                assertThat(state.get("consecutiveErrors").asInt()).as("errors of %s", job).isZero();
            }
            refireMillis.sort(Long::compare);
            System.out.printf("KillInstancesIT: %d kills, %d cut runs in history, %d re-deliveries; kill -> re-fire ms:"
                    + " min %d, median %d, max %d (lease %s + heartbeat %s); all %s%n", KILLS, interrupted,
                    refireMillis.size(), refireMillis.isEmpty() ? -1 : refireMillis.get(0),
                    refireMillis.isEmpty() ? -1 : refireMillis.get(refireMillis.size() / 2),
                    refireMillis.isEmpty() ? -1 : refireMillis.get(refireMillis.size() - 1), Cluster.LEASE,
                    Cluster.HEARTBEAT, refireMillis);
            assertThat(refireMillis).as("cut runs fired again").isNotEmpty();
            assertThat(cluster.logs()).doesNotContain("SEVERE", "ERROR");
        }
    }

    private static void awaitEveryInstanceRunning(Cluster cluster) throws Exception {
        Await.until("three live instances", Duration.ofSeconds(30), () -> {
            long alive = 0;
            for (JsonNode instance : cluster.cluster(0).get("instances")) {
                alive += instance.get("alive").asBoolean() ? 1 : 0;
            }
            return alive == 3;
        });
    }

    /** Within one job, a run starts only after the one before it ended (interrupted records say when the cut was noticed). */
    private static void assertNoOverlap(String job, List<JsonNode> newestFirst) {
        List<JsonNode> runs = new ArrayList<>(newestFirst.stream()
                .filter(run -> !run.get("status").asText().equals("interrupted")).toList());
        runs.sort((a, b) -> a.get("startedAt").asText().compareTo(b.get("startedAt").asText()));
        for (int i = 1; i < runs.size(); i++) {
            JsonNode before = runs.get(i - 1);
            Instant endOfBefore = Instant.parse(before.get("startedAt").asText())
                    .plusMillis(before.get("durationMs").asLong());
            Instant start = Instant.parse(runs.get(i).get("startedAt").asText());
            assertThat(start).as("job %s: run %s starts after run %s ended", job, runs.get(i).get("runId"),
                    before.get("runId")).isAfterOrEqualTo(endOfBefore.minusMillis(1));
        }
    }

    private static Map<String, List<StubWebhook.Received>> byRunId(List<StubWebhook.Received> received) {
        Map<String, List<StubWebhook.Received>> byRun = new HashMap<>();
        for (StubWebhook.Received request : received) {
            byRun.computeIfAbsent(request.header("Idempotency-Key"), k -> new ArrayList<>()).add(request);
        }
        return byRun;
    }

    private static java.util.Set<String> firedSince(StubWebhook webhook, long nanos) {
        java.util.Set<String> jobs = new java.util.HashSet<>();
        for (StubWebhook.Received request : webhook.received()) {
            if (request.receivedAtNanos() > nanos) {
                jobs.add(request.header("X-Hourglass-Job-Id"));
            }
        }
        return jobs;
    }
}
