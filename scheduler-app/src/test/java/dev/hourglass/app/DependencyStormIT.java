package dev.hourglass.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.app.StubWebhook.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mission's rate-limit storm (CONTRACT §11.1) through the packaged jar: 200 jobs call one
 * dependency, which answers 429 with a {@code Retry-After} for two minutes, then 200. The
 * dependency opens after the first faults and holds every job; probes find it still down, then
 * well; its close releases the fires that waited, at most 5 a second, and every job is back on its
 * schedule. No job fails, none counts more than one error, and the alert receiver hears of the
 * opening and the closing once each.
 *
 * <p>The figures of the run (errors counted, alerts, the release rate, how long after the storm
 * every job fired again) are written to {@code target/dependency-storm.txt}.
 */
class DependencyStormIT {

    private static final String TOKEN = "storm-token";
    private static final int JOBS = 200;
    private static final long INTERVAL_MS = 30_000;
    private static final Duration STORM = Duration.ofMinutes(2);
    private static final int RETRY_AFTER_SECONDS = 20;
    private static final Duration GIVE_UP = Duration.ofMinutes(8);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StubWebhook webhook = new StubWebhook();
    private final StubWebhook alerts = new StubWebhook();
    private ServiceProcess service;

    DependencyStormIT() throws Exception {
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
    void a_two_minute_rate_limit_storm_holds_every_job_of_the_dependency_and_releases_them_paced() throws Exception {
        AtomicReference<Instant> stormStart = new AtomicReference<>();
        webhook.answering(request -> {
            stormStart.compareAndSet(null, Instant.now());
            return Instant.now().isBefore(stormStart.get().plus(STORM))
                    ? Answer.status(429, "rate limited", Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)))
                    : Answer.ok("done");
        });
        service = ServiceProcess.start(dir, "--port", "0", "--db", dir.resolve("scheduler.db").toString(),
                "--token", TOKEN, "--runner", "webhook", "--webhook-url", webhook.url().toString(),
                "--alert-webhook", alerts.url().toString());
        ApiClient api = new ApiClient(service.api(), TOKEN);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            ids.add(api.create("{\"name\":\"storm-" + i + "\",\"dependency\":\"model-provider\",\"task\":\"t\","
                    + "\"schedule\":{\"kind\":\"every\",\"intervalMs\":" + INTERVAL_MS + "}}"));
        }
        Watch watch = new Watch(api);
        watch.start();

        Instant opened = Await.until("the dependency opens", GIVE_UP, () -> dependency(api),
                d -> !d.get("state").asText().equals("closed")).get("openedAt").asText().transform(Instant::parse);
        JsonNode closedAlert = Await.until("the dependency_closed alert", GIVE_UP,
                () -> alertsOf("dependency_closed"), found -> !found.isEmpty()).get(0);
        Instant stormEnd = stormStart.get().plus(STORM);
        Await.until("every job fires again after the storm", GIVE_UP, () -> firedSince(api, stormEnd),
                fired -> fired == JOBS);
        watch.stop();
        List<JsonNode> released = firstRunsAfter(api, ids, stormEnd);
        assertThat(released).hasSize(JOBS);

        // No job failed, none counted more than one error, and once released all succeed.
        assertThat(watch.failed).as("jobs that became failed").isEmpty();
        assertThat(watch.maxErrors.values()).as("errors a job counted").allMatch(errors -> errors <= 1);
        assertThat(released).allSatisfy(run -> assertThat(run.get("status").asText()).isEqualTo("ok"));
        // One alert for the opening, one for the closing, never one per job.
        assertThat(alertsOf("dependency_open")).hasSize(1);
        assertThat(alertsOf("dependency_closed")).hasSize(1);
        assertThat(alertsOf("job_failed")).isEmpty();
        JsonNode openAlert = alertsOf("dependency_open").get(0);
        assertThat(openAlert.get("dependency").asText()).isEqualTo("model-provider");
        assertThat(openAlert.get("cause").asText()).contains("HTTP 429: rate limited");
        // Released at most 5 a second, by the instants the runs started.
        List<Instant> starts = released.stream().map(run -> Instant.parse(run.get("startedAt").asText())).sorted()
                .toList();
        int busiestSecond = busiestSecond(starts);
        writeFigures(api, ids, opened, stormStart.get(), stormEnd, closedAlert, starts, busiestSecond, watch);
        assertThat(busiestSecond).as("released fires starting within one second").isLessThanOrEqualTo(5);
        // Every job is back on its schedule: its next fire is a slot of its own grid, ahead.
        for (String id : ids) {
            JsonNode job = Await.until("job " + id + " planned on its grid", GIVE_UP, () -> api.job(id),
                    j -> !j.get("heldByDependency").asBoolean() && !j.get("nextRunAt").isNull()
                            && Instant.parse(j.get("nextRunAt").asText()).isAfter(starts.get(starts.size() - 1)));
            long sinceCreation = Duration.between(Instant.parse(job.get("createdAt").asText()),
                    Instant.parse(job.get("nextRunAt").asText())).toMillis();
            assertThat(sinceCreation % INTERVAL_MS).as("job " + id + " on its grid").isZero();
            assertThat(job.get("consecutiveErrors").asInt()).isZero();
            assertThat(job.get("status").asText()).isEqualTo("active");
        }
        assertThat(dependency(api).get("state").asText()).isEqualTo("closed");
    }

    /** Watches the listing while the storm goes on: the most errors each job counted, and any failed job. */
    private static final class Watch {

        final Map<String, Integer> maxErrors = new ConcurrentHashMap<>();
        final Set<String> failed = ConcurrentHashMap.newKeySet();
        private final ApiClient api;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private volatile Exception error;

        Watch(ApiClient api) {
            this.api = api;
            this.thread = new Thread(this::loop, "storm-watch");
            this.thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void stop() throws Exception {
            running.set(false);
            thread.join();
            look();
            if (error != null) {
                throw error;
            }
        }

        private void loop() {
            while (running.get()) {
                try {
                    look();
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    error = e;
                    return;
                }
            }
        }

        private void look() throws Exception {
            for (JsonNode job : api.get("").body().get("jobs")) {
                String id = job.get("id").asText();
                maxErrors.merge(id, job.get("consecutiveErrors").asInt(), Math::max);
                if (job.get("status").asText().equals("failed")) {
                    failed.add(id);
                }
            }
        }
    }

    private static JsonNode dependency(ApiClient api) throws Exception {
        return api.get("/dependencies").body().get("dependencies").get(0);
    }

    /** The alerts of {@code kind} the receiver got, once per Idempotency-Key. */
    private List<JsonNode> alertsOf(String kind) throws Exception {
        Map<String, JsonNode> byKey = new java.util.LinkedHashMap<>();
        for (StubWebhook.Received received : alerts.received()) {
            JsonNode body = JSON.readTree(received.body());
            if (body.get("kind").asText().equals(kind)) {
                byKey.putIfAbsent(received.header("Idempotency-Key"), body);
            }
        }
        return List.copyOf(byKey.values());
    }

    /** How many jobs ran since {@code instant}. */
    private static long firedSince(ApiClient api, Instant instant) throws Exception {
        long fired = 0;
        for (JsonNode job : api.get("").body().get("jobs")) {
            if (!job.get("lastRunAt").isNull() && Instant.parse(job.get("lastRunAt").asText()).isAfter(instant)) {
                fired++;
            }
        }
        return fired;
    }

    /** For each job, its first run that started after the storm ended, if it had one yet. */
    private static List<JsonNode> firstRunsAfter(ApiClient api, List<String> ids, Instant after) throws Exception {
        List<JsonNode> first = new ArrayList<>();
        for (String id : ids) {
            JsonNode earliest = null;
            for (JsonNode run : api.get("/" + id + "/runs?limit=100").body().get("runs")) {
                if (Instant.parse(run.get("startedAt").asText()).isAfter(after)) {
                    earliest = run;
                }
            }
            if (earliest != null) {
                first.add(earliest);
            }
        }
        return first;
    }

    /** The most instants within any one second (a window of 1000 ms from each instant on). */
    private static int busiestSecond(List<Instant> sorted) {
        int busiest = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (!sorted.get(from).plusMillis(1000).isAfter(sorted.get(to))) {
                from++;
            }
            busiest = Math.max(busiest, to - from + 1);
        }
        return busiest;
    }

    private void writeFigures(ApiClient api, List<String> ids, Instant opened, Instant stormStart, Instant stormEnd,
            JsonNode closedAlert, List<Instant> releasedStarts, int busiestSecond, Watch watch) throws Exception {
        int errorRuns = 0;
        int probes = 0;
        int runsBeforeEnd = 0;
        for (String id : ids) {
            for (JsonNode run : api.get("/" + id + "/runs?limit=100").body().get("runs")) {
                if (!Instant.parse(run.get("startedAt").asText()).isAfter(stormEnd)) {
                    runsBeforeEnd++;
                    if (run.get("status").asText().equals("error")) {
                        errorRuns++;
                    }
                    if (run.get("probe").asBoolean()) {
                        probes++;
                    }
                }
            }
        }
        int counted = watch.maxErrors.values().stream().mapToInt(Integer::intValue).sum();
        Instant last = releasedStarts.get(releasedStarts.size() - 1);
        Instant firstReleased = releasedStarts.get(0);
        double spanSeconds = Math.max(0.001, Duration.between(firstReleased, last).toMillis() / 1000.0);
        List<String> lines = List.of(
                "jobs: " + JOBS + " every " + INTERVAL_MS / 1000 + " s on one dependency; storm: 429 with Retry-After "
                        + RETRY_AFTER_SECONDS + " for " + STORM.toSeconds() + " s",
                "storm began (first 429): " + stormStart + "; dependency opened: " + opened + " ("
                        + Duration.between(stormStart, opened).toMillis() + " ms later)",
                "runs during the storm: " + runsBeforeEnd + " (" + errorRuns + " ended in an error, " + probes
                        + " of them probes)",
                "errors counted by jobs: " + counted + " in all, at most "
                        + watch.maxErrors.values().stream().mapToInt(Integer::intValue).max().orElse(0)
                        + " per job; jobs failed: " + watch.failed.size(),
                "alerts at the alert webhook: " + alertsOf("dependency_open").size() + " dependency_open, "
                        + alertsOf("dependency_closed").size() + " dependency_closed, "
                        + alertsOf("job_failed").size() + " job_failed (" + alerts.received().size()
                        + " POSTs in all)",
                "closed: " + closedAlert.get("cause").asText() + "; jobs released: " + closedAlert.get("jobsHeld"),
                "release: " + releasedStarts.size() + " fires from " + firstReleased + " to " + last + ", busiest second "
                        + busiestSecond + " fires, " + String.format(java.util.Locale.ROOT, "%.2f",
                                (releasedStarts.size() - 1) / spanSeconds) + " fires/s on average",
                "first released fires, ms after the first: " + releasedStarts.stream().limit(12)
                        .map(at -> String.valueOf(Duration.between(firstReleased, at).toMillis())).toList(),
                "from the storm's end to every job firing again: " + Duration.between(stormEnd, last).toMillis()
                        + " ms (first released fire " + Duration.between(stormEnd, firstReleased).toMillis()
                        + " ms after the end)");
        Path figures = Path.of("target", "dependency-storm.txt");
        Files.write(figures, lines);
        lines.forEach(System.out::println);
    }
}
