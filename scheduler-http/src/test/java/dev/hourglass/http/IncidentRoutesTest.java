package dev.hourglass.http;

import static dev.hourglass.http.ApiFixture.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CONTRACT §11.3 and §11.4 over HTTP: the incidents a quiet failure makes, and the bulk resume that revives them. */
class IncidentRoutesTest {

    /** One error trips a breaker, so every failing run fails its job. */
    private final ApiFixture api = ApiFixture.with(builder -> builder.maxConsecutiveErrors(2));

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void jobs_failing_alike_are_listed_as_one_open_incident_and_counted_in_the_summary() {
        List<String> ids = failing("sync", 3);

        JsonNode incidents = api.get(BASE + "/incidents").json().get("incidents");

        assertThat(incidents).hasSize(1);
        JsonNode incident = incidents.get(0);
        assertThat(incident.get("open").asBoolean()).isTrue();
        assertThat(incident.get("signature").asText()).isEqualTo("HTTP <n>: order <n> of <str> rejected");
        assertThat(incident.get("example").asText()).startsWith("HTTP 500: order ");
        assertThat(incident.get("resolvedAt").isNull()).isTrue();
        assertThat(incident.get("jobs")).extracting(job -> job.get("id").asText())
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(incident.get("jobs").get(0).get("status").asText()).isEqualTo("active");
        assertThat(incident.get("jobs").get(0).get("consecutiveErrors").asInt()).isEqualTo(1);
        assertThat(api.get(BASE).json().get("summary").get("openIncidents").asInt()).isEqualTo(1);
        assertThat(api.get(BASE + "/incidents?open=true").json().get("incidents")).hasSize(1);
    }

    @Test
    void a_resolved_incident_is_listed_after_the_open_ones_with_no_jobs() {
        List<String> first = failing("first", 3);
        api.runner.succeedWith("fine");
        first.forEach(this::run);
        failing("second", 3);

        JsonNode incidents = api.get(BASE + "/incidents").json().get("incidents");

        assertThat(incidents).hasSize(2);
        assertThat(incidents.get(0).get("open").asBoolean()).isTrue();
        assertThat(incidents.get(1).get("open").asBoolean()).isFalse();
        assertThat(incidents.get(1).get("resolvedAt").isNull()).isFalse();
        assertThat(incidents.get(1).get("jobs")).isEmpty();
        assertThat(api.get(BASE + "/incidents?open=true").json().get("incidents")).hasSize(1);
        api.get(BASE + "/incidents?open=yes").assertRefused(400, "invalid_request");
    }

    @Test
    void a_bulk_force_resume_revives_the_failed_jobs_of_an_incident_and_lists_the_others_as_skipped() {
        List<String> ids = failing("sync", 4);
        ids.subList(0, 3).forEach(this::run);
        String incident = api.get(BASE + "/incidents").json().get("incidents").get(0).get("id").asText();
        assertThat(api.get(BASE + "/" + ids.get(0)).job().get("status").asText()).isEqualTo("failed");

        Reply dryRun = api.post(BASE + "/resume", "{\"filter\":{\"incident\":\"" + incident + "\"},\"force\":true,"
                + "\"dryRun\":true}");
        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.json().get("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.json().get("resumed")).hasSize(3);
        assertThat(dryRun.json().get("skipped")).singleElement().satisfies(skip -> {
            assertThat(skip.get("id").asText()).isEqualTo(ids.get(3));
            assertThat(skip.get("code").asText()).isEqualTo("already_active");
        });
        assertThat(api.get(BASE + "/" + ids.get(0)).job().get("status").asText()).as("a dry run").isEqualTo("failed");

        Reply done = api.post(BASE + "/resume", "{\"filter\":{\"incident\":\"" + incident + "\",\"status\":\"failed\"},"
                + "\"force\":true,\"reason\":\"upstream fixed\"}");

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("dryRun").asBoolean()).isFalse();
        assertThat(done.json().get("resumed")).extracting(job -> job.get("status").asText())
                .containsExactly("active", "active", "active");
        assertThat(done.json().get("skipped")).isEmpty();
        JsonNode entry = api.get(BASE + "/" + ids.get(0) + "/audit").json().get("entries").get(0);
        assertThat(entry.get("action").asText()).isEqualTo("force_resume");
        assertThat(entry.get("detail").asText()).startsWith("part of a bulk resume; reason: upstream fixed; cleared 2");
    }

    @Test
    void without_force_failed_jobs_are_skipped_with_force_required_and_unknown_ids_with_not_found() {
        List<String> ids = failing("sync", 2);
        ids.forEach(this::run);

        Reply reply = api.post(BASE + "/resume", "{\"filter\":{\"ids\":[\"" + ids.get(0) + "\",\"" + ids.get(1)
                + "\",\"no-such-job\"]}}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("resumed")).isEmpty();
        assertThat(reply.json().get("skipped")).extracting(skip -> skip.get("code").asText())
                .containsExactlyInAnyOrder("force_required", "force_required", "not_found");
        assertThat(reply.json().get("skipped")).filteredOn(skip -> skip.get("code").asText().equals("not_found"))
                .singleElement().satisfies(skip -> assertThat(skip.get("name").isNull()).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {}                                             | filter
            {"filter":{}}                                  | filter
            {"filter":null}                                | filter
            {"filter":"failed"}                            | filter
            {"filter":{"ids":[]}}                          | filter.ids
            {"filter":{"ids":"a"}}                         | filter.ids
            {"filter":{"ids":["a",7]}}                     | filter.ids[1]
            {"filter":{"ids":["  "]}}                      | filter.ids[0]
            {"filter":{"status":"broken"}}                 | filter.status
            {"filter":{"status":3}}                        | filter.status
            {"filter":{"failedSince":"yesterday"}}         | filter.failedSince
            {"filter":{"incident":"no-such-incident"}}     | filter.incident
            {"filter":{"status":"failed"},"force":"true"}  | force
            {"filter":{"status":"failed"},"dryRun":1}      | dryRun
            {"filter":{"status":"failed"},"reason":false}  | reason
            """)
    void a_bad_request_is_400_naming_the_field(String body, String field) {
        Reply reply = api.post(BASE + "/resume", body);

        reply.assertRefused(400, "invalid_request");
        assertThat(reply.error()).startsWith(field);
    }

    @Test
    void more_than_1000_ids_are_refused_and_broken_json_is_invalid_json() {
        String ids = IntStream.rangeClosed(1, 1001).mapToObj(i -> "\"j-" + i + "\"").collect(Collectors.joining(","));

        Reply tooMany = api.post(BASE + "/resume", "{\"filter\":{\"ids\":[" + ids + "]}}");

        tooMany.assertRefused(400, "invalid_request");
        assertThat(tooMany.error()).startsWith("filter.ids").contains("1000");
        api.post(BASE + "/resume", "{\"filter\":").assertRefused(400, "invalid_json");
    }

    @Test
    void the_other_methods_of_both_paths_are_405() {
        assertThat(api.get(BASE + "/resume").status()).isEqualTo(405);
        assertThat(api.delete(BASE + "/resume").status()).isEqualTo(405);
        assertThat(api.method("PATCH", BASE + "/resume", BodyPublishers.ofString("{}")).code())
                .isEqualTo("method_not_allowed");
        assertThat(api.post(BASE + "/incidents", "{}").code()).isEqualTo("method_not_allowed");
        assertThat(api.delete(BASE + "/incidents").header("Allow")).isEqualTo("GET");
    }

    // ---- helpers

    /** {@code count} jobs whose one run each failed with the same error but its own numbers and name. */
    private List<String> failing(String prefix, int count) {
        api.runner.behave(request -> dev.hourglass.domain.port.out.RunOutcome.failed("HTTP 500: order "
                + (1000 + request.jobName().hashCode() % 1000) + " of \"" + request.jobName() + "\" rejected"));
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String id = api.createEveryMinute(prefix + "-" + i);
            run(id);
            ids.add(id);
        }
        return ids;
    }

    private void run(String id) {
        api.clock.advance(Duration.ofSeconds(1));
        assertThat(api.postEmpty(BASE + "/" + id + "/run").status()).isEqualTo(200);
    }
}
