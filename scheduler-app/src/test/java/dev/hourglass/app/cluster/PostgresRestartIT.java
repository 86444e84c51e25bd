package dev.hourglass.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.app.ApiClient;
import dev.hourglass.app.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CONTRACT §10.4: a PostgreSQL restart under load needs no manual step on any instance. */
class PostgresRestartIT {

    @TempDir
    Path dir;

    @Test
    void every_instance_recovers_from_a_database_restart_and_a_job_created_afterwards_fires() throws Exception {
        try (Cluster cluster = Cluster.of(dir, PostgresRestartIT.class, 3).startAll()) {
            List<String> load = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                load.add(cluster.api(i % 3).create(Cluster.every("load-" + i, 300)));
            }
            Await.until("load firing", Duration.ofSeconds(30), () -> cluster.webhook.received().size() > 40);

            cluster.postgres.restart();
            long restartedAt = System.nanoTime();

            for (int slot = 0; slot < 3; slot++) {
                int s = slot;
                Await.until("node-" + slot + " healthy again", Duration.ofSeconds(60),
                        () -> new ApiClient(cluster.node(s).url(), null).get("/health").status() == 200);
            }
            List<Long> firstFireMillis = new ArrayList<>();
            for (int slot = 0; slot < 3; slot++) {
                int s = slot;
                String name = "after-restart-" + slot;
                long createdAt = System.nanoTime();
                String id = cluster.api(slot).create("{\"name\":\"" + name + "\",\"task\":\"t\",\"schedule\":"
                        + "{\"kind\":\"every\",\"intervalMs\":500}}");
                Await.until(name + " fired", Duration.ofSeconds(30), () -> cluster.webhook.received().stream()
                        .anyMatch(r -> id.equals(r.header("X-Hourglass-Job-Id"))));
                long fired = cluster.webhook.received().stream().filter(r -> id.equals(r.header("X-Hourglass-Job-Id")))
                        .mapToLong(r -> r.receivedAtNanos()).min().orElseThrow();
                firstFireMillis.add((fired - createdAt) / 1_000_000);
                assertThat(cluster.api(s).job(id).get("status").asText()).isEqualTo("active");
            }
            Await.until("every instance alive and firing", Duration.ofSeconds(30), () -> {
                long alive = 0;
                for (JsonNode instance : cluster.cluster(0).get("instances")) {
                    alive += instance.get("alive").asBoolean() ? 1 : 0;
                }
                return alive == 3;
            });
            // A run whose outcome met the restart is stored at the committer's next retry (at most 5 s apart),
            // and only then does its job fire again: every load job must be back, none left stuck.
            Await.until("every load job fired after the restart", Duration.ofSeconds(30), () -> load.stream()
                    .allMatch(job -> cluster.webhook.received().stream().anyMatch(r ->
                            job.equals(r.header("X-Hourglass-Job-Id")) && r.receivedAtNanos() > restartedAt)));
            System.out.printf("PostgresRestartIT: first fire of a 500 ms job created after the restart: %s ms%n",
                    firstFireMillis);
        }
    }
}
