package dev.hourglass.http;

import static dev.hourglass.http.ApiFixture.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CONTRACT §12.1 and §12.2 over HTTP: PATCH with ETag and If-Match, revisions, pause until. */
class OperatorToolsRoutesTest {

    private final ApiFixture api = ApiFixture.open();

    @AfterEach
    void stop() {
        api.close();
    }

    private Reply patch(String id, String json, String ifMatch) {
        var request = api.request(BASE + "/" + id).header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString(json));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return api.send(request);
    }

    @Test
    void get_answers_the_revision_as_etag_and_the_new_fields_in_the_job() {
        String id = api.createEveryMinute("report");

        Reply reply = api.get(BASE + "/" + id);

        assertThat(reply.header("ETag")).isEqualTo("\"1\"");
        JsonNode job = reply.job();
        assertThat(job.get("revision").asLong()).isEqualTo(1);
        assertThat(job.get("pausedUntil").isNull()).isTrue();
        assertThat(job.get("expectSuccessWithinMs").isNull()).isTrue();
        assertThat(job.get("stale").asBoolean()).isFalse();
    }

    @Test
    void patch_changes_the_named_fields_answers_the_job_with_the_next_etag_and_audits_update() {
        String id = api.createEveryMinute("report");
        api.clock.advance(Duration.ofSeconds(30));

        Reply reply = patch(id, "{\"name\":\"report v2\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":120000},"
                + "\"expectSuccessWithinMs\":3600000}", "\"1\"");

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.header("ETag")).isEqualTo("\"2\"");
        JsonNode job = reply.job();
        assertThat(job.get("name").asText()).isEqualTo("report v2");
        assertThat(job.get("task").asText()).isEqualTo("t");
        assertThat(job.get("revision").asLong()).isEqualTo(2);
        assertThat(job.get("expectSuccessWithinMs").asLong()).isEqualTo(3_600_000);
        assertThat(job.get("nextRunAt").asText()).isEqualTo("2026-06-01T08:02:30.000Z");
        JsonNode update = api.get(BASE + "/" + id + "/audit").json().get("entries").get(0);
        assertThat(update.get("action").asText()).isEqualTo("update");
        assertThat(update.get("actor").asText()).isEqualTo("user");
        assertThat(update.get("detail").asText()).contains("name: 'report' → 'report v2'")
                .contains("schedule: every minute → every 2 minutes");
    }

    @Test
    void patch_with_if_match_naming_another_revision_is_412_and_changes_nothing() {
        String id = api.createEveryMinute("report");

        patch(id, "{\"name\":\"report v9\"}", "\"7\"").assertRefused(412, "precondition_failed");
        patch(id, "{\"name\":\"report v9\"}", "\"not-a-revision\"").assertRefused(412, "precondition_failed");

        assertThat(api.get(BASE + "/" + id).job().get("name").asText()).isEqualTo("report");
        assertThat(api.get(BASE + "/" + id + "/audit").json().get("entries")).hasSize(1);
    }

    @Test
    void patch_refuses_what_create_refuses_with_the_same_codes() {
        String id = api.createEveryMinute("report");
        api.createEveryMinute("taken");

        patch(id, "{\"name\":\"TAKEN\"}", null).assertRefused(409, "duplicate_name");
        patch(id, "{\"task\":\"" + "x".repeat(33 * 1024) + "\"}", null).assertRefused(413, "task_too_large");
        patch(id, "{\"name\":5}", null).assertRefused(400, "invalid_request");
        patch(id, "{\"enabled\":\"true\"}", null).assertRefused(400, "invalid_request");
        patch(id, "{\"name\":null}", null).assertRefused(400, "invalid_request");
        patch(id, "{\"expectSuccessWithinMs\":1000}", null).assertRefused(400, "invalid_request");
        patch(id, "{\"schedule\":{\"kind\":\"cron\",\"expr\":\"bogus\"}}", null).assertRefused(400, "invalid_request");
        patch(id, "{\"name\":", null).assertRefused(400, "invalid_json");
        patch("no-such-job", "{\"name\":\"x\"}", null).assertRefused(404, "not_found");
    }

    @Test
    void a_patch_that_changes_nothing_answers_the_same_job_and_etag() {
        String id = api.createEveryMinute("report");
        JsonNode before = api.get(BASE + "/" + id).job();

        Reply reply = patch(id, "{\"name\":\"report\",\"task\":\"t\"}", "\"1\"");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("ETag")).isEqualTo("\"1\"");
        assertThat(reply.job()).isEqualTo(before);
    }

    @Test
    void revisions_list_the_definitions_newest_first_and_404_for_an_unknown_job() {
        String id = api.createEveryMinute("v1");
        patch(id, "{\"name\":\"v2\",\"description\":\"second\"}", null);

        JsonNode revisions = api.get(BASE + "/" + id + "/revisions").json().get("revisions");

        assertThat(revisions).extracting(r -> r.get("revision").asLong()).containsExactly(2L, 1L);
        JsonNode newest = revisions.get(0);
        assertThat(newest.get("changedBy").asText()).isEqualTo("user");
        assertThat(newest.get("changedAt").asText()).isEqualTo("2026-06-01T08:00:00.000Z");
        assertThat(newest.get("definition").get("name").asText()).isEqualTo("v2");
        assertThat(newest.get("definition").get("description").asText()).isEqualTo("second");
        assertThat(newest.get("definition").get("schedule").get("kind").asText()).isEqualTo("every");
        assertThat(api.get(BASE + "/" + id + "/revisions?limit=1").json().get("revisions")).hasSize(1);
        api.get(BASE + "/nope/revisions").assertRefused(404, "not_found");
    }

    @Test
    void pause_until_shows_paused_until_and_refuses_a_past_or_far_instant_naming_until() {
        String id = api.createEveryMinute("report");

        Reply paused = api.post(BASE + "/" + id + "/pause",
                "{\"until\":\"2026-06-01T11:00:00+02:00\",\"reason\":\"deploy\"}");

        assertThat(paused.status()).as("%s", paused).isEqualTo(200);
        assertThat(paused.job().get("status").asText()).isEqualTo("paused");
        assertThat(paused.job().get("pausedUntil").asText()).isEqualTo("2026-06-01T09:00:00.000Z");
        Reply past = api.post(BASE + "/" + id + "/pause", "{\"until\":\"2026-06-01T07:00:00Z\"}");
        past.assertRefused(400, "invalid_request");
        assertThat(past.error()).contains("until");
        Reply far = api.post(BASE + "/" + id + "/pause", "{\"until\":\"2027-06-02T08:00:00Z\"}");
        far.assertRefused(400, "invalid_request");
        assertThat(far.error()).contains("until");
        Reply unparsable = api.post(BASE + "/" + id + "/pause", "{\"until\":\"tomorrow\"}");
        unparsable.assertRefused(400, "invalid_request");
        assertThat(unparsable.error()).contains("until");
    }

    @Test
    void explain_answers_the_summary_and_the_reasons_with_their_instants() {
        String id = api.createEveryMinute("report");
        api.post(BASE + "/" + id + "/pause", "{\"until\":\"2026-06-01T09:00:00Z\",\"reason\":\"deploy\"}");

        Reply reply = api.get(BASE + "/" + id + "/explain");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("jobId").asText()).isEqualTo(id);
        assertThat(body.get("status").asText()).isEqualTo("paused");
        assertThat(body.get("firesNextAt").isNull()).isTrue();
        assertThat(body.get("summary").asText()).isEqualTo("It is paused since 2026-06-01T08:00:00Z by user "
                + "(reason: deploy; until 2026-06-01T09:00:00Z) and resumes by itself at 2026-06-01T09:00:00Z.");
        JsonNode reason = body.get("reasons").get(0);
        assertThat(reason.get("code").asText()).isEqualTo("paused");
        assertThat(reason.get("since").asText()).isEqualTo("2026-06-01T08:00:00.000Z");
        assertThat(reason.get("until").asText()).isEqualTo("2026-06-01T09:00:00.000Z");
        api.get(BASE + "/nope/explain").assertRefused(404, "not_found");
    }
}
