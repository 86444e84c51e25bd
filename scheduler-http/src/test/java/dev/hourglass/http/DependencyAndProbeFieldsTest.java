package dev.hourglass.http;

import static dev.hourglass.http.ApiFixture.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CONTRACT §7 (round 2), §11.1 and §11.2: a job's {@code dependency} and {@code probe}, on create and edit. */
class DependencyAndProbeFieldsTest {

    private static final String SCHEDULE = "\"schedule\":{\"kind\":\"every\",\"intervalMs\":60000},\"task\":\"t\"";

    private final ApiFixture api = ApiFixture.open();

    @AfterEach
    void stop() {
        api.close();
    }

    private Reply patch(String id, String json) {
        return api.send(api.request(BASE + "/" + id).header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString(json)));
    }

    @Test
    void a_job_created_without_them_has_no_dependency_no_probe_and_no_probe_pending() {
        JsonNode job = api.get(BASE + "/" + api.createEveryMinute("plain")).job();

        assertThat(job.get("dependency").isNull()).isTrue();
        assertThat(job.get("probe").isNull()).isTrue();
        assertThat(job.get("nextProbeAt").isNull()).isTrue();
    }

    @Test
    void a_job_created_with_them_keeps_the_dependency_as_written_and_the_probe_wait() {
        String id = api.create("{\"name\":\"summarise\"," + SCHEDULE
                + ",\"dependency\":\"Model-Provider.eu:v2_beta\",\"probe\":{\"afterMs\":600000}}");

        JsonNode job = api.get(BASE + "/" + id).job();
        assertThat(job.get("dependency").asText()).isEqualTo("Model-Provider.eu:v2_beta");
        assertThat(job.get("probe").get("afterMs").asLong()).isEqualTo(600_000);
        assertThat(job.get("nextProbeAt").isNull()).as("only a failed job has a probe pending").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            "dependency":""                       | dependency
            "dependency":"has space"              | dependency
            "dependency":"slack/eu"               | dependency
            "dependency":7                        | dependency
            "probe":{"afterMs":59999}             | probe.afterMs
            "probe":{}                            | probe.afterMs
            "probe":{"afterMs":"600000"}          | probe.afterMs
            "probe":60000                         | probe
            """)
    void bad_values_are_refused_naming_the_field_and_nothing_is_created(String field, String named) {
        Reply reply = api.post(BASE, "{\"name\":\"bad\"," + SCHEDULE + "," + field + "}");

        reply.assertRefused(400, "invalid_request");
        assertThat(reply.json().get("error").asText()).contains(named);
        assertThat(api.get(BASE).json().get("jobs")).isEmpty();
    }

    @Test
    void a_dependency_of_a_hundred_characters_is_accepted_and_one_more_is_not() {
        String hundred = "d".repeat(100);

        api.create("{\"name\":\"long\"," + SCHEDULE + ",\"dependency\":\"" + hundred + "\"}");
        api.post(BASE, "{\"name\":\"longer\"," + SCHEDULE + ",\"dependency\":\"" + hundred + "d\"}")
                .assertRefused(400, "invalid_request");
    }

    @Test
    void patch_sets_changes_and_clears_them_each_change_audited_as_old_to_new() {
        String id = api.createEveryMinute("report");

        JsonNode set = patch(id, "{\"dependency\":\"Slack\",\"probe\":{\"afterMs\":120000}}").job();
        assertThat(set.get("dependency").asText()).isEqualTo("Slack");
        assertThat(set.get("probe").get("afterMs").asLong()).isEqualTo(120_000);
        assertThat(set.get("revision").asLong()).isEqualTo(2);

        JsonNode cleared = patch(id, "{\"dependency\":null,\"probe\":null}").job();
        assertThat(cleared.get("dependency").isNull()).isTrue();
        assertThat(cleared.get("probe").isNull()).isTrue();

        JsonNode entries = api.get(BASE + "/" + id + "/audit").json().get("entries");
        assertThat(entries.get(1).get("detail").asText()).contains("dependency: null → 'Slack'")
                .contains("probe: null → after 120000 ms");
        assertThat(entries.get(0).get("detail").asText()).contains("dependency: 'Slack' → null");
    }

    @Test
    void a_revision_keeps_the_dependency_and_probe_it_had() {
        String id = api.create("{\"name\":\"summarise\"," + SCHEDULE + ",\"dependency\":\"openai\"}");
        patch(id, "{\"dependency\":\"anthropic\"}");

        JsonNode revisions = api.get(BASE + "/" + id + "/revisions").json().get("revisions");
        assertThat(revisions.get(0).get("definition").get("dependency").asText()).isEqualTo("anthropic");
        assertThat(revisions.get(1).get("definition").get("dependency").asText()).isEqualTo("openai");
        assertThat(revisions.get(1).get("definition").get("probe").isNull()).isTrue();
    }
}
