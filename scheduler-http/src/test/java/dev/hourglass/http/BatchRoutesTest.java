package dev.hourglass.http;

import static dev.hourglass.http.ApiFixture.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code POST /ui/api/scheduler/batch} (CONTRACT §13): up to 1000 jobs in one transaction, all or none. */
class BatchRoutesTest {

    private static final String BATCH = BASE + "/batch";

    private final ApiFixture api = ApiFixture.with(builder -> builder.maxJobs(1500));

    @AfterEach
    void stop() {
        api.close();
    }

    private static String job(String name) {
        return "{\"name\":\"" + name + "\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":60000},\"task\":\"t\"}";
    }

    private static String batch(String... jobs) {
        return "{\"jobs\":[" + String.join(",", jobs) + "]}";
    }

    private List<String> listedNames() {
        List<String> names = new ArrayList<>();
        api.get(BASE).json().get("jobs").forEach(job -> names.add(job.get("name").asText()));
        return names;
    }

    @Test
    void answers_201_with_the_jobs_as_stored_in_the_order_given_each_audited_create() {
        Reply reply = api.post(BATCH, batch(job("first"), job("second"),
                "{\"name\":\"third\",\"schedule\":{\"kind\":\"cron\",\"expr\":\"0 9 * * 1-5\"},\"task\":\"t\","
                        + "\"dependency\":\"crm\",\"enabled\":false}"));

        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        JsonNode jobs = reply.json().get("jobs");
        assertThat(jobs).extracting(job -> job.get("name").asText()).containsExactly("first", "second", "third");
        assertThat(jobs.get(2).get("dependency").asText()).isEqualTo("crm");
        assertThat(jobs.get(2).get("enabled").asBoolean()).isFalse();
        for (JsonNode job : jobs) {
            String id = job.get("id").asText();
            assertThat(api.get(BASE + "/" + id).job()).isEqualTo(job);
            JsonNode audit = api.get(BASE + "/" + id + "/audit").json().get("entries");
            assertThat(audit).hasSize(1);
            assertThat(audit.get(0).get("action").asText()).isEqualTo("create");
            assertThat(api.get(BASE + "/" + id + "/revisions").json().get("revisions")).hasSize(1);
        }
    }

    @Test
    void a_bad_job_refuses_the_whole_batch_naming_every_bad_one_by_index() {
        api.createEveryMinute("taken");
        String tooLarge = "x".repeat(32 * 1024 + 1);

        Reply reply = api.post(BATCH, batch(job("fine"),
                "{\"name\":\"bad-interval\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":\"60000\"},\"task\":\"t\"}",
                job("FINE"), job("Taken"), "42",
                "{\"name\":\"past\",\"schedule\":{\"kind\":\"at\",\"at\":\"2020-01-01T00:00:00Z\"},\"task\":\"t\"}",
                "{\"name\":\"huge\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":60000},\"task\":\"" + tooLarge + "\"}",
                "{\"schedule\":{\"kind\":\"every\",\"intervalMs\":60000},\"task\":\"t\"}"));

        reply.assertRefused(400, "invalid_request");
        JsonNode errors = reply.json().get("errors");
        assertThat(errors).extracting(error -> error.get("index").asInt() + " " + error.get("code").asText())
                .containsExactly("1 invalid_request", "2 duplicate_name", "3 duplicate_name", "4 invalid_request",
                        "5 invalid_request", "6 task_too_large", "7 invalid_request");
        assertThat(errors.get(0).get("error").asText()).contains("schedule.intervalMs");
        assertThat(errors.get(1).get("error").asText()).contains("job 0 of this batch");
        assertThat(errors.get(2).get("error").asText()).contains("already exists");
        assertThat(errors.get(4).get("error").asText()).startsWith("schedule");
        assertThat(errors.get(6).get("error").asText()).startsWith("name");
        assertThat(listedNames()).containsExactly("taken");
    }

    @Test
    void a_batch_whose_only_fault_is_names_already_stored_is_409_naming_each_by_index() {
        api.createEveryMinute("nightly");

        Reply reply = api.post(BATCH, batch(job("new"), job("NIGHTLY")));

        reply.assertRefused(409, "duplicate_name");
        assertThat(reply.json().get("errors")).extracting(error -> error.get("index").asInt()).containsExactly(1);
        assertThat(listedNames()).containsExactly("nightly");
    }

    @Test
    void a_batch_over_the_job_limit_is_429_and_creates_nothing() {
        try (ApiFixture small = ApiFixture.with(builder -> builder.maxJobs(2))) {
            small.createEveryMinute("stored");

            small.post(BATCH, batch(job("a"), job("b"))).assertRefused(429, "job_limit_reached");

            assertThat(small.get(BASE).json().get("jobs")).hasSize(1);
        }
    }

    @Test
    void a_thousand_jobs_of_realistic_size_fit_one_batch_and_a_thousand_and_one_do_not() {
        String task = "{\"payload\":\"" + "p".repeat(4000) + "\"}";
        String thousand = IntStream.range(0, 1000).mapToObj(i -> "{\"name\":\"bulk-" + i + "\",\"description\":\"job "
                + i + " of the import\",\"schedule\":{\"kind\":\"cron\",\"expr\":\"*/5 * * * *\",\"tz\":\"Europe/Berlin\"},"
                + "\"task\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(task) + ",\"dependency\":\"crm\"}")
                .collect(Collectors.joining(",", "{\"jobs\":[", "]}"));
        assertThat(thousand.length()).isGreaterThan(4_000_000).isLessThan(8 * 1024 * 1024);

        Reply created = api.post(BATCH, thousand);

        assertThat(created.status()).as("%s", created.status()).isEqualTo(201);
        assertThat(created.json().get("jobs")).hasSize(1000);
        String tooMany = IntStream.range(0, 1001).mapToObj(i -> job("more-" + i))
                .collect(Collectors.joining(",", "{\"jobs\":[", "]}"));
        api.post(BATCH, tooMany).assertRefused(400, "invalid_request");
        assertThat(api.post(BATCH, tooMany).error()).contains("jobs", "1000");
    }

    @Test
    void a_body_over_eight_mib_is_413_and_the_single_routes_keep_their_64_kib() {
        String huge = "{\"jobs\":[" + job("a") + "],\"padding\":\"" + "x".repeat(8 * 1024 * 1024) + "\"}";

        api.post(BATCH, huge).assertRefused(413, "payload_too_large");
        String overSingle = "{\"name\":\"n\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":60000},\"task\":\"t\","
                + "\"padding\":\"" + "x".repeat(64 * 1024) + "\"}";
        api.post(BASE, overSingle).assertRefused(413, "payload_too_large");
    }

    @Test
    void a_body_without_jobs_an_empty_batch_and_broken_json_are_400() {
        api.post(BATCH, "{}").assertRefused(400, "invalid_request");
        api.post(BATCH, "{\"jobs\":[]}").assertRefused(400, "invalid_request");
        api.post(BATCH, "{\"jobs\":{}}").assertRefused(400, "invalid_request");
        api.post(BATCH, "{\"jobs\":[").assertRefused(400, "invalid_json");
    }

    @Test
    void batch_is_not_a_job_id_its_other_methods_are_405() {
        Reply reply = api.get(BATCH);

        reply.assertRefused(405, "method_not_allowed");
        assertThat(reply.header("Allow")).isEqualTo("POST");
        api.delete(BATCH).assertRefused(405, "method_not_allowed");
    }
}
