package dev.hourglass.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.app.Await;
import dev.hourglass.app.StubWebhook;
import dev.hourglass.app.StubWebhook.Answer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTRACT §10.1 and §10.3: an instance frozen (SIGSTOP) in the middle of a long run until its lease
 * is gone is taken over; woken (SIGCONT), its late outcome changes nothing and is recorded superseded.
 */
class FreezeIT {

    @TempDir
    Path dir;

    @Test
    void a_frozen_instance_is_taken_over_and_its_late_outcome_is_recorded_superseded() throws Exception {
        try (Cluster cluster = Cluster.of(dir, FreezeIT.class, 3).startAll()) {
            ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
            cluster.webhook.answering(request -> request.body().contains("\"jobName\":\"long-export\"")
                    && seen.putIfAbsent(request.header("Idempotency-Key"), true) == null
                    ? Answer.hanging("late") : Answer.ok("done"));
            List<String> load = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                load.add(cluster.api(i % 3).create(Cluster.every("load-" + i, 300)));
            }
            String longJob = cluster.api(0).create("{\"name\":\"long-export\",\"task\":\"t\",\"schedule\":{\"kind\":\"at\","
                    + "\"at\":\"" + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(3) + "\"}}");
            StubWebhook.Received first = Await.until("the long run delivered", Duration.ofSeconds(30),
                    () -> deliveriesOf(cluster, longJob), list -> !list.isEmpty()).get(0);
            String runId = first.header("Idempotency-Key");
            String owner = claimOwner(cluster, longJob);
            int frozenSlot = cluster.slotOf(owner);
            int witness = (frozenSlot + 1) % 3;
            long pid = cluster.node(frozenSlot).pid();

            signal("STOP", pid);
            long frozenAt = System.nanoTime();
            Instant frozenAtWall = Instant.now();
            List<StubWebhook.Received> both = Await.until("the long run fired again elsewhere", Duration.ofSeconds(30),
                    () -> deliveriesOf(cluster, longJob), list -> list.size() >= 2);
            long takeoverMillis = (both.get(1).receivedAtNanos() - frozenAt) / 1_000_000;
            assertThat(both.get(1).header("Idempotency-Key")).isEqualTo(runId);
            // Read before the signal: once woken, the instance may re-register and start runs before
            // the kill command has even exited.
            Instant thawedAtWall = Instant.now();
            signal("CONT", pid);
            cluster.webhook.releaseHanging();

            List<JsonNode> runs = Await.until("the late outcome recorded", Duration.ofSeconds(30),
                    () -> cluster.runs(witness, longJob),
                    list -> list.stream().anyMatch(run -> run.get("status").asText().equals("superseded")));
            JsonNode superseded = runs.stream().filter(run -> run.get("status").asText().equals("superseded"))
                    .findFirst().orElseThrow();
            assertThat(superseded.get("runId").asText()).isEqualTo(runId);
            assertThat(superseded.get("instance").asText()).isEqualTo(owner);
            assertThat(runs).anySatisfy(run -> {
                assertThat(run.get("runId").asText()).isEqualTo(runId);
                assertThat(run.get("status").asText()).isEqualTo("ok");
                assertThat(run.get("instance").asText()).isNotEqualTo(owner);
            });
            assertThat(cluster.api(witness).job(longJob).get("status").asText()).isEqualTo("completed");

            Await.until("the woken instance registered again", Duration.ofSeconds(30), () -> {
                JsonNode member = cluster.member(witness, owner);
                return member != null && member.get("alive").asBoolean();
            });
            Await.until("the woken instance runs load again", Duration.ofSeconds(30), () -> {
                for (String job : load) {
                    for (JsonNode run : cluster.runs(witness, job)) {
                        if (run.get("instance").asText().equals(owner)
                                && Instant.parse(run.get("startedAt").asText()).isAfter(thawedAtWall)) {
                            return true;
                        }
                    }
                }
                return false;
            });
            for (String job : load) {
                for (JsonNode run : cluster.runs(witness, job)) {
                    Instant started = Instant.parse(run.get("startedAt").asText());
                    if (run.get("instance").asText().equals(owner) && started.isAfter(frozenAtWall)) {
                        assertThat(started).as("a run of %s started by the frozen instance", job)
                                .isAfterOrEqualTo(thawedAtWall.minusMillis(1));
                    }
                }
            }
            assertThat(cluster.node(frozenSlot).log()).contains("lease had lapsed");
            System.out.printf("FreezeIT: SIGSTOP -> re-fire elsewhere %d ms (lease %s + heartbeat %s)%n", takeoverMillis,
                    Cluster.LEASE, Cluster.HEARTBEAT);
        }
    }

    private static List<StubWebhook.Received> deliveriesOf(Cluster cluster, String jobId) {
        return cluster.webhook.received().stream().filter(r -> jobId.equals(r.header("X-Hourglass-Job-Id"))).toList();
    }

    private static String claimOwner(Cluster cluster, String jobId) throws Exception {
        try (Connection connection = cluster.database.connect();
             PreparedStatement query = connection.prepareStatement("SELECT claim_owner FROM jobs WHERE id = ?")) {
            query.setString(1, jobId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
