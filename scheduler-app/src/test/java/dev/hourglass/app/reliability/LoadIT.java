package dev.hourglass.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.app.ApiClient;
import dev.hourglass.app.Await;
import dev.hourglass.app.ServiceProcess;
import dev.hourglass.app.StubWebhook;
import dev.hourglass.app.StubWebhook.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The packaged service under load: ten jobs fire every 100 ms (about 100 runs/s) while 16 client
 * threads create, pause, resume, force-resume, run, delete and list their own jobs. Each thread
 * keeps a model of its jobs, so every answer is checked against CONTRACT §4 and every state change
 * is counted; afterwards each job's audit trail must hold exactly those changes and explain its
 * status, and every background job must have gone on firing, each delivery recorded. Throughput is
 * printed, not asserted: speed is the benchmark's business. Runs 15 s by default, {@code -Dreliability.loadSeconds=60} (the {@code heavy} profile) for the full minute.
 */
class LoadIT extends JarWithWebhook {

    private static final int THREADS = 16;
    private static final int FIRING_JOBS = 10;
    private static final int JOBS_PER_THREAD = 4;
    private static final int AUDIT_ROOM = 90;
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    LoadIT() throws Exception {
    }

    /** One client-owned job as its thread believes it to be. */
    static final class Model {
        final String id;
        final boolean flaky;
        String status = "active";
        int auditEntries = 1;

        Model(String id, boolean flaky) {
            this.id = id;
            this.flaky = flaky;
        }
    }

    record Call(String op, int status, long nanos) {
    }

    @Test
    void mutations_under_firing_load_answer_by_the_contract_and_audit_every_change() throws Exception {
        int seconds = Integer.getInteger("reliability.loadSeconds", 15);
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        webhook.answering(request -> request.body().contains("\"jobName\":\"flaky-")
                ? Answer.status(500, "flaky by design") : Answer.ok("ok"));
        service = ServiceProcess.start(dir, List.of("-Xmx256m"), "--port", "0", "--db", dir.resolve("load.db").toString(),
                "--runner", "webhook", "--webhook-url", webhook.url().toString(), "--workers", "8",
                "--max-consecutive-errors", "1", "--max-jobs", "1000");
        ApiClient api = new ApiClient(service.api(), null);
        List<String> background = new ArrayList<>();
        for (int i = 0; i < FIRING_JOBS; i++) {
            background.add(api.create(
                    "{\"name\":\"bg-" + i + "\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":100},\"task\":\"bg\"}"));
        }
        Await.until("every background job firing", GIVE_UP,
                () -> deliveriesByJob(webhook.received()).keySet().containsAll(background));

        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
        List<Model> everyJob = Collections.synchronizedList(new ArrayList<>());
        long firedBefore = webhook.received().size();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService clients = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            done.add(clients.submit(() -> {
                drive(new ApiClient(service.api(), null), thread, new Random(seed + thread), end, calls, mismatches, everyJob);
                return null;
            }));
        }
        for (Future<?> client : done) {
            client.get(seconds + 120L, TimeUnit.SECONDS);
        }
        clients.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<StubWebhook.Received> received = webhook.received();
        long fired = received.size() - firedBefore;
        Map<String, Long> firedDuringLoad = deliveriesByJob(received.subList((int) firedBefore, received.size()));
        long rssKib = service.rssKib();

        List<Long> latencies = calls.stream().map(Call::nanos).sorted().toList();
        System.out.printf("LoadIT: %d s, seed %d: %d requests, %.0f requests/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                        + " %d webhook runs (%.0f runs/s); RSS after load %d MiB%n",
                seconds, seed, calls.size(), calls.size() / elapsed, percentile(latencies, 50) / 1e6,
                percentile(latencies, 99) / 1e6, latencies.get(latencies.size() - 1) / 1e6, fired, fired / elapsed,
                rssKib / 1024);
        assertThat(calls).as("server errors").noneMatch(call -> call.status() >= 500);
        assertThat(mismatches).as("answers that differ from CONTRACT §4").isEmpty();
        assertThat(service.log()).doesNotContain("SQLITE_BUSY").doesNotContain("database is locked")
                .doesNotContain("internal_error").doesNotContain("unexpected failure");

        long expectedEntries = 0;
        long actualEntries = 0;
        for (Model job : everyJob) {
            ApiClient.Reply audit = api.get("/" + job.id + "/audit?limit=100");
            assertThat(audit.status()).isEqualTo(200);
            String finalStatus = job.status;
            if (!job.status.equals("null")) {
                finalStatus = api.job(job.id).get("status").asText();
                assertThat(finalStatus).as("status of %s", job.id).isEqualTo(job.status);
            }
            assertThat(AuditTrail.problems(audit.body().get("entries"), finalStatus)).as("audit trail of %s", job.id).isEmpty();
            expectedEntries += job.auditEntries;
            actualEntries += audit.body().get("entries").size();
        }
        System.out.printf("LoadIT: %d client jobs, %d successful state changes, %d audit entries%n",
                everyJob.size(), expectedEntries, actualEntries);
        assertThat(actualEntries).as("audit entries = successful state changes").isEqualTo(expectedEntries);

        // How fast the engine fired is printed above and measured by the benchmark; what is asserted
        // is that it kept firing every background job through the load and recorded each delivery.
        Map<String, Long> delivered = deliveriesByJob(webhook.received());
        for (String id : background) {
            assertThat(firedDuringLoad.getOrDefault(id, 0L)).as("deliveries of %s during the load", id).isPositive();
            JsonNode job = Await.until("every delivery of " + id + " recorded as a run", GIVE_UP, () -> api.job(id),
                    current -> current.get("runCount").asLong() >= delivered.get(id));
            assertThat(job.get("status").asText()).as("%s", job).isEqualTo("active");
            assertThat(job.get("consecutiveErrors").asInt()).as("%s", job).isZero();
        }
    }

    /** How many deliveries each job got, by its {@code X-Hourglass-Job-Id}. */
    private static Map<String, Long> deliveriesByJob(List<StubWebhook.Received> received) {
        return received.stream().collect(Collectors.groupingBy(request -> request.header("X-Hourglass-Job-Id"),
                Collectors.counting()));
    }

    private static void drive(ApiClient api, int thread, Random random, long end, ConcurrentLinkedQueue<Call> calls,
            List<String> mismatches, List<Model> everyJob) throws Exception {
        List<Model> mine = new ArrayList<>();
        int created = 0;
        while (System.nanoTime() < end) {
            int pick = random.nextInt(100);
            if (mine.isEmpty() || (pick < 12 && mine.size() < JOBS_PER_THREAD)) {
                boolean flaky = random.nextInt(3) == 0;
                String name = (flaky ? "flaky-" : "c-") + thread + "-" + created++;
                long t0 = System.nanoTime();
                ApiClient.Reply reply = api.post("", "{\"name\":\"" + name
                        + "\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":3600000},\"task\":\"x\"}");
                calls.add(new Call("create", reply.status(), System.nanoTime() - t0));
                expect(mismatches, "create " + name, reply.status(), 201);
                if (reply.status() == 201) {
                    Model job = new Model(reply.body().get("job").get("id").asText(), flaky);
                    mine.add(job);
                    everyJob.add(job);
                }
                continue;
            }
            Model job = mine.get(random.nextInt(mine.size()));
            long t0 = System.nanoTime();
            String op;
            ApiClient.Reply reply;
            int expected;
            if (pick < 25) {
                op = "pause";
                reply = api.post("/" + job.id + "/pause", "");
                expected = job.status.equals("failed") ? 409 : 200;
                if (reply.status() == 200 && job.status.equals("active")) {
                    job.status = "paused";
                    job.auditEntries++;
                }
            } else if (pick < 38) {
                op = "resume";
                reply = api.post("/" + job.id + "/resume", "{}");
                expected = job.status.equals("failed") ? 409 : 200;
                if (reply.status() == 200 && job.status.equals("paused")) {
                    job.status = "active";
                    job.auditEntries++;
                }
            } else if (pick < 50) {
                op = "force resume";
                reply = api.post("/" + job.id + "/resume", "{\"force\":true,\"reason\":\"load test\"}");
                expected = 200;
                if (reply.status() == 200 && !job.status.equals("active")) {
                    job.status = "active";
                    job.auditEntries++;
                }
            } else if (pick < 68) {
                op = "run";
                reply = api.post("/" + job.id + "/run", "");
                expected = job.status.equals("active") ? 200 : 409;
                if (reply.status() == 200) {
                    job.auditEntries++;
                    if (job.flaky) {
                        job.status = "failed";
                        job.auditEntries++;
                    }
                }
            } else if (pick < 76 || job.auditEntries >= AUDIT_ROOM) {
                op = "delete";
                reply = api.delete("/" + job.id);
                expected = 200;
                if (reply.status() == 200) {
                    job.status = "null";
                    job.auditEntries++;
                    mine.remove(job);
                }
            } else if (pick < 90) {
                op = "list";
                reply = api.get("");
                expected = 200;
            } else {
                op = "get";
                reply = api.get("/" + job.id);
                expected = 200;
            }
            calls.add(new Call(op, reply.status(), System.nanoTime() - t0));
            expect(mismatches, op + " of " + job.id + " while " + job.status, reply.status(), expected);
        }
    }

    private static void expect(List<String> mismatches, String what, int actual, int expected) {
        if (actual != expected) {
            mismatches.add(what + ": " + actual + " instead of " + expected);
        }
    }

    private static double percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
