package dev.hourglass.http;

import static dev.hourglass.http.ApiFixture.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.domain.port.out.RunOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every row of CONTRACT §7, success and each listed error, against the real server. */
class JobRoutesTest {

    private static final List<String> JOB_FIELDS = List.of("id", "name", "description", "enabled", "schedule", "task",
            "status", "lastRunAt", "lastRunStatus", "lastRunDurationMs", "lastRunError", "nextRunAt", "runCount",
            "consecutiveErrors", "deleteAfterRun", "createdAt", "updatedAt", "createdBy",
            "revision", "pausedUntil", "expectSuccessWithinMs", "stale", "dependency", "probe", "nextProbeAt",
            "heldByDependency");

    private final ApiFixture api = ApiFixture.open();

    @AfterEach
    void stop() {
        api.close();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private String jobPath(String id) {
        return BASE + "/" + id;
    }

    @Nested
    class Listing {

        @Test
        void lists_jobs_newest_first_with_a_summary_over_all_jobs() {
            api.createEveryMinute("older");
            api.clock.advance(Duration.ofSeconds(10));
            String newer = api.createEveryMinute("newer");
            api.postEmpty(jobPath(newer) + "/pause");

            Reply reply = api.get(BASE);

            assertThat(reply.status()).isEqualTo(200);
            JsonNode body = reply.json();
            assertThat(body.get("jobs")).extracting(job -> job.get("name").asText()).containsExactly("newer", "older");
            JsonNode summary = body.get("summary");
            assertThat(fieldNames(summary)).containsExactlyInAnyOrder("total", "active", "paused", "completed", "failed",
                    "nextFireAt", "recentFailures", "stale", "openIncidents", "openDependencies");
            assertThat(summary.get("total").asInt()).isEqualTo(2);
            assertThat(summary.get("active").asInt()).isEqualTo(1);
            assertThat(summary.get("paused").asInt()).isEqualTo(1);
            assertThat(summary.get("nextFireAt").asText()).isEqualTo("2026-06-01T08:01:00.000Z");
            assertThat(summary.get("recentFailures").asInt()).isZero();
        }

        @Test
        void filters_by_status_while_the_summary_still_counts_every_job() {
            api.createEveryMinute("running");
            String paused = api.createEveryMinute("resting");
            api.postEmpty(jobPath(paused) + "/pause");

            Reply reply = api.get(BASE + "?status=paused");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("jobs")).extracting(job -> job.get("id").asText()).containsExactly(paused);
            assertThat(reply.json().get("summary").get("total").asInt()).isEqualTo(2);
        }

        @ParameterizedTest
        @ValueSource(strings = {"?status=sleeping", "?status=", "?status=ACTIVE", "?status=active&status=paused"})
        void refuses_a_status_filter_that_is_not_a_status(String query) {
            Reply reply = api.get(BASE + query);

            reply.assertRefused(400, "invalid_request");
            assertThat(reply.error()).contains("status");
        }

        @Test
        void pages_with_limit_and_the_next_cursor_until_the_last_page_says_null() {
            for (int i = 0; i < 5; i++) {
                api.createEveryMinute("job " + i);
                api.clock.advance(Duration.ofSeconds(1));
            }

            JsonNode first = api.get(BASE + "?limit=2").json();
            JsonNode second = api.get(BASE + "?limit=2&cursor=" + first.get("nextCursor").asText()).json();
            JsonNode last = api.get(BASE + "?limit=2&cursor=" + second.get("nextCursor").asText()).json();

            assertThat(first.get("jobs")).extracting(job -> job.get("name").asText()).containsExactly("job 4", "job 3");
            assertThat(second.get("jobs")).extracting(job -> job.get("name").asText()).containsExactly("job 2", "job 1");
            assertThat(last.get("jobs")).extracting(job -> job.get("name").asText()).containsExactly("job 0");
            assertThat(last.get("nextCursor").isNull()).isTrue();
            assertThat(first.get("summary").get("total").asInt()).isEqualTo(5);
            assertThat(api.get(BASE).json().get("nextCursor").isNull()).as("all of them fit").isTrue();
        }

        @Test
        void filters_by_a_part_of_the_name_and_by_dependency_ignoring_case() {
            api.create("{\"name\":\"Nightly Report\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":60000},"
                    + "\"task\":\"t\",\"dependency\":\"Slack\"}");
            api.createEveryMinute("cleanup");

            assertThat(api.get(BASE + "?q=REPORT").json().get("jobs")).extracting(job -> job.get("name").asText())
                    .containsExactly("Nightly Report");
            assertThat(api.get(BASE + "?dependency=slack").json().get("jobs"))
                    .extracting(job -> job.get("name").asText()).containsExactly("Nightly Report");
            assertThat(api.get(BASE + "?q=nothing%20like%20it").json().get("jobs")).isEmpty();
            assertThat(api.get(BASE + "?q=report").json().get("summary").get("total").asInt()).isEqualTo(2);
        }

        @ParameterizedTest
        @ValueSource(strings = {"?limit=0", "?limit=1001", "?limit=-1", "?limit=ten", "?limit=1.5", "?limit=",
                "?limit=1&limit=2"})
        void refuses_a_limit_outside_one_to_a_thousand_naming_it(String query) {
            Reply reply = api.get(BASE + query);

            reply.assertRefused(400, "invalid_request");
            assertThat(reply.error()).contains("limit");
        }

        @ParameterizedTest
        @ValueSource(strings = {"?cursor=bogus", "?cursor=djI6MTox", "?limit=5&cursor=%25%25"})
        void refuses_a_cursor_it_never_gave_out_naming_it(String query) {
            api.createEveryMinute("one");

            Reply reply = api.get(BASE + query);

            reply.assertRefused(400, "invalid_request");
            assertThat(reply.error()).contains("cursor");
        }

        @Test
        void an_empty_store_lists_no_jobs_and_no_next_fire() {
            Reply reply = api.get(BASE);

            assertThat(reply.json().get("jobs")).isEmpty();
            assertThat(reply.json().get("summary").get("nextFireAt").isNull()).isTrue();
        }
    }

    @Nested
    class Creating {

        @Test
        void answers_201_with_exactly_the_job_fields_of_the_contract() {
            Reply reply = api.post(BASE, """
                    {"name":"nightly report","description":"mails the report","schedule":{"kind":"every","intervalMs":60000},
                     "task":"send-report","deleteAfterRun":false,"enabled":true}""");

            assertThat(reply.status()).isEqualTo(201);
            JsonNode job = reply.job();
            assertThat(fieldNames(job)).containsExactlyInAnyOrderElementsOf(JOB_FIELDS);
            assertThat(job.get("id").asText()).matches("[0-9a-f-]{36}");
            assertThat(job.get("name").asText()).isEqualTo("nightly report");
            assertThat(job.get("description").asText()).isEqualTo("mails the report");
            assertThat(job.get("schedule").toString()).isEqualTo("{\"kind\":\"every\",\"intervalMs\":60000}");
            assertThat(job.get("status").asText()).isEqualTo("active");
            assertThat(job.get("nextRunAt").asText()).isEqualTo("2026-06-01T08:01:00.000Z");
            assertThat(job.get("createdAt").asText()).isEqualTo("2026-06-01T08:00:00.000Z");
            assertThat(job.get("updatedAt").asText()).isEqualTo("2026-06-01T08:00:00.000Z");
            assertThat(job.get("createdBy").asText()).isEqualTo("user");
            assertThat(job.get("runCount").asLong()).isZero();
            assertThat(job.get("consecutiveErrors").asInt()).isZero();
            for (String lastRunField : List.of("lastRunAt", "lastRunStatus", "lastRunDurationMs", "lastRunError")) {
                assertThat(job.get(lastRunField).isNull()).as(lastRunField).isTrue();
            }
        }

        @Test
        void defaults_enabled_to_true_description_to_null_and_delete_after_run_to_false() {
            JsonNode job = api.post(BASE, """
                    {"name":"minimal","schedule":{"kind":"every","intervalMs":1000},"task":"x"}""").job();

            assertThat(job.get("enabled").asBoolean()).isTrue();
            assertThat(job.get("description").isNull()).isTrue();
            assertThat(job.get("deleteAfterRun").asBoolean()).isFalse();
        }

        @Test
        void writes_an_at_schedule_as_its_instant_in_utc_with_milliseconds() {
            JsonNode job = api.post(BASE, """
                    {"name":"once","schedule":{"kind":"at","at":"2026-12-01T09:00:00+01:00"},"task":"x"}""").job();

            assertThat(job.get("schedule").toString()).isEqualTo("{\"kind\":\"at\",\"at\":\"2026-12-01T08:00:00.000Z\"}");
            assertThat(job.get("nextRunAt").asText()).isEqualTo("2026-12-01T08:00:00.000Z");
        }

        @Test
        void writes_a_cron_schedule_with_its_zone_and_the_default_zone_when_none_was_given() {
            JsonNode berlin = api.post(BASE, """
                    {"name":"weekdays","schedule":{"kind":"cron","expr":"0 9 * * 1-5","tz":"Europe/Berlin"},"task":"x"}""").job();
            JsonNode defaulted = api.post(BASE, """
                    {"name":"hourly","schedule":{"kind":"cron","expr":"0 * * * *"},"task":"x"}""").job();

            assertThat(berlin.get("schedule").toString())
                    .isEqualTo("{\"kind\":\"cron\",\"expr\":\"0 9 * * 1-5\",\"tz\":\"Europe/Berlin\"}");
            assertThat(berlin.get("nextRunAt").asText()).isEqualTo("2026-06-02T07:00:00.000Z");
            assertThat(defaulted.get("schedule").get("tz").asText()).isEqualTo("Z");
        }

        @Test
        void refuses_a_missing_field_naming_it() {
            Reply reply = api.post(BASE, "{\"schedule\":{\"kind\":\"every\",\"intervalMs\":1000},\"task\":\"x\"}");

            reply.assertRefused(400, "invalid_request");
            assertThat(reply.error()).contains("name");
        }

        @Test
        void refuses_a_schedule_that_cannot_be_used_as_invalid_request() {
            Reply pastAt = api.post(BASE, "{\"name\":\"late\",\"schedule\":{\"kind\":\"at\",\"at\":\"2020-01-01T00:00:00Z\"},\"task\":\"x\"}");
            Reply badCron = api.post(BASE, "{\"name\":\"bad\",\"schedule\":{\"kind\":\"cron\",\"expr\":\"not cron\"},\"task\":\"x\"}");
            Reply badZone = api.post(BASE, "{\"name\":\"zone\",\"schedule\":{\"kind\":\"cron\",\"expr\":\"0 9 * * *\",\"tz\":\"Mars/Base\"},\"task\":\"x\"}");

            for (Reply reply : List.of(pastAt, badCron, badZone)) {
                reply.assertRefused(400, "invalid_request");
                assertThat(reply.error()).contains("schedule");
            }
        }

        @Test
        void refuses_broken_json_as_invalid_json() {
            Reply reply = api.post(BASE, "{\"name\":");

            reply.assertRefused(400, "invalid_json");
        }

        @Test
        void refuses_a_second_job_with_the_same_name_in_any_case() {
            api.createEveryMinute("Backup");

            Reply reply = api.post(BASE, "{\"name\":\"BACKUP\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":1000},\"task\":\"x\"}");

            reply.assertRefused(409, "duplicate_name");
        }

        @Test
        void refuses_a_task_over_32_kib_with_413_task_too_large() {
            String task = "x".repeat(32 * 1024 + 1);

            Reply reply = api.post(BASE, "{\"name\":\"big\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":1000},\"task\":\"" + task + "\"}");

            reply.assertRefused(413, "task_too_large");
        }

        @Test
        void accepts_a_task_of_exactly_32_kib() {
            String task = "x".repeat(32 * 1024);

            Reply reply = api.post(BASE, "{\"name\":\"big\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":1000},\"task\":\"" + task + "\"}");

            assertThat(reply.status()).isEqualTo(201);
        }

        @Test
        void refuses_a_job_beyond_the_limit_with_429() {
            try (ApiFixture limited = ApiFixture.with(builder -> builder.maxJobs(1))) {
                limited.createEveryMinute("first");

                Reply reply = limited.post(BASE, "{\"name\":\"second\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":1000},\"task\":\"x\"}");

                reply.assertRefused(429, "job_limit_reached");
            }
        }

        @Test
        void ignores_unknown_fields_and_takes_the_creator_from_the_principal() {
            Reply reply = api.post(BASE, """
                    {"name":"x","schedule":{"kind":"every","intervalMs":1000,"jitter":5},"task":"x",
                     "colour":"blue","createdBy":"mallory","status":"failed"}""");

            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.job().get("createdBy").asText()).isEqualTo("user");
            assertThat(reply.job().get("status").asText()).isEqualTo("active");
        }
    }

    @Nested
    class Reading {

        @Test
        void answers_a_job_by_its_id() {
            String id = api.createEveryMinute("one");

            Reply reply = api.get(jobPath(id));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.job().get("id").asText()).isEqualTo(id);
            assertThat(fieldNames(reply.job())).containsExactlyInAnyOrderElementsOf(JOB_FIELDS);
        }

        @Test
        void answers_404_for_an_unknown_id() {
            Reply reply = api.get(jobPath("no-such-job"));

            reply.assertRefused(404, "not_found");
            assertThat(reply.error()).contains("no-such-job");
        }
    }

    @Nested
    class Deleting {

        @Test
        void deletes_a_job_which_is_then_gone() {
            String id = api.createEveryMinute("doomed");

            Reply reply = api.delete(jobPath(id));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().toString()).isEqualTo("{\"deleted\":true}");
            assertThat(api.get(jobPath(id)).status()).isEqualTo(404);
        }

        @Test
        void answers_404_for_an_unknown_id() {
            Reply reply = api.delete(jobPath("no-such-job"));

            reply.assertRefused(404, "not_found");
        }

        @Test
        void keeps_the_audit_of_a_deleted_job_readable_ending_in_delete_while_its_runs_are_404() {
            String id = api.createEveryMinute("doomed");
            api.postEmpty(jobPath(id) + "/run");
            api.delete(jobPath(id));

            Reply audit = api.get(jobPath(id) + "/audit");
            Reply runs = api.get(jobPath(id) + "/runs");

            assertThat(audit.status()).isEqualTo(200);
            JsonNode newest = audit.json().get("entries").get(0);
            assertThat(newest.get("action").asText()).isEqualTo("delete");
            assertThat(newest.get("previousStatus").asText()).isEqualTo("active");
            assertThat(newest.get("newStatus").isNull()).isTrue();
            runs.assertRefused(404, "not_found");
        }
    }

    @Nested
    class PausingAndResuming {

        @Test
        void pauses_with_an_empty_body_and_resumes_with_an_empty_body() {
            String id = api.createEveryMinute("nap");

            Reply paused = api.postEmpty(jobPath(id) + "/pause");
            api.clock.advance(Duration.ofMinutes(5));
            Reply resumed = api.postEmpty(jobPath(id) + "/resume");

            assertThat(paused.status()).isEqualTo(200);
            assertThat(paused.job().get("status").asText()).isEqualTo("paused");
            assertThat(paused.job().get("nextRunAt").isNull()).isTrue();
            assertThat(resumed.status()).isEqualTo(200);
            assertThat(resumed.job().get("status").asText()).isEqualTo("active");
            assertThat(resumed.job().get("nextRunAt").asText()).isEqualTo("2026-06-01T08:06:00.000Z");
        }

        @Test
        void keeps_the_reason_of_a_pause_and_a_resume_in_the_audit() {
            String id = api.createEveryMinute("nap");

            api.post(jobPath(id) + "/pause", "{\"reason\":\"maintenance window\"}");
            api.post(jobPath(id) + "/resume", "{\"reason\":\"window over\"}");

            JsonNode entries = api.get(jobPath(id) + "/audit").json().get("entries");
            assertThat(entries.get(0).get("action").asText()).isEqualTo("resume");
            assertThat(entries.get(0).get("detail").asText()).contains("window over");
            assertThat(entries.get(1).get("action").asText()).isEqualTo("pause");
            assertThat(entries.get(1).get("detail").asText()).contains("maintenance window");
            assertThat(entries.get(1).get("actor").asText()).isEqualTo("user");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{\"force\":false}", "{\"force\":true,\"reason\":\"back\"}", "  ", "{\"reason\":null}"})
        void resumes_with_any_accepted_body(String body) {
            String id = api.createEveryMinute("nap");
            api.postEmpty(jobPath(id) + "/pause");

            Reply reply = api.post(jobPath(id) + "/resume", body);

            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
            assertThat(reply.job().get("status").asText()).isEqualTo("active");
        }

        @Test
        void resumes_a_body_sent_without_content_type() {
            String id = api.createEveryMinute("nap");
            api.postEmpty(jobPath(id) + "/pause");

            Reply reply = api.send(api.request(jobPath(id) + "/resume")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"force\":true}")));

            assertThat(reply.status()).isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"force\":\"true\"}", "{\"force\":1}", "{\"force\":null}", "{\"force\":[true]}"})
        void refuses_a_force_that_is_not_a_boolean_naming_force(String body) {
            String id = api.createEveryMinute("nap");

            Reply reply = api.post(jobPath(id) + "/resume", body);

            reply.assertRefused(400, "invalid_request");
            assertThat(reply.error()).contains("force");
        }

        @Test
        void refuses_broken_json_on_resume_and_pause() {
            String id = api.createEveryMinute("nap");

            assertThat(api.post(jobPath(id) + "/resume", "{force:true}").code()).isEqualTo("invalid_json");
            assertThat(api.post(jobPath(id) + "/pause", "{\"reason\":").code()).isEqualTo("invalid_json");
        }

        @Test
        void refuses_a_reason_that_is_not_a_string_or_too_long() {
            String id = api.createEveryMinute("nap");

            Reply number = api.post(jobPath(id) + "/pause", "{\"reason\":42}");
            Reply tooLong = api.post(jobPath(id) + "/pause", "{\"reason\":\"" + "r".repeat(501) + "\"}");

            assertThat(number.status()).isEqualTo(400);
            assertThat(number.error()).contains("reason");
            assertThat(tooLong.status()).isEqualTo(400);
            assertThat(tooLong.error()).contains("reason");
        }

        @Test
        void answers_404_for_unknown_ids() {
            assertThat(api.postEmpty(jobPath("nope") + "/pause").status()).isEqualTo(404);
            assertThat(api.postEmpty(jobPath("nope") + "/resume").status()).isEqualTo(404);
        }

        @Test
        void pausing_a_paused_job_changes_nothing_not_even_updated_at_and_writes_no_audit_entry() {
            String id = api.createEveryMinute("nap");
            JsonNode paused = api.postEmpty(jobPath(id) + "/pause").job();
            int entriesBefore = api.get(jobPath(id) + "/audit").json().get("entries").size();
            api.clock.advance(Duration.ofMinutes(3));

            Reply again = api.post(jobPath(id) + "/pause", "{\"reason\":\"again\"}");

            assertThat(again.status()).isEqualTo(200);
            assertThat(again.job()).isEqualTo(paused);
            assertThat(api.get(jobPath(id) + "/audit").json().get("entries").size()).isEqualTo(entriesBefore);
        }

        @Test
        void resuming_an_active_job_changes_nothing_and_writes_no_audit_entry() {
            String id = api.createEveryMinute("busy");
            JsonNode before = api.get(jobPath(id)).job();
            api.clock.advance(Duration.ofSeconds(30));

            Reply reply = api.post(jobPath(id) + "/resume", "{\"force\":true}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.job()).isEqualTo(before);
            assertThat(api.get(jobPath(id) + "/audit").json().get("entries")).hasSize(1);
        }

        @Test
        void a_completed_job_cannot_be_paused_resumed_forced_or_run() {
            String id = api.create("{\"name\":\"once\",\"schedule\":{\"kind\":\"at\",\"at\":\"2026-06-02T00:00:00Z\"},\"task\":\"x\"}");
            assertThat(api.postEmpty(jobPath(id) + "/run").job().get("status").asText()).isEqualTo("completed");

            Reply pause = api.postEmpty(jobPath(id) + "/pause");
            Reply resume = api.postEmpty(jobPath(id) + "/resume");
            Reply force = api.post(jobPath(id) + "/resume", "{\"force\":true}");
            Reply run = api.postEmpty(jobPath(id) + "/run");

            pause.assertRefused(409, "not_active");
            resume.assertRefused(409, "completed_is_final");
            force.assertRefused(409, "completed_is_final");
            run.assertRefused(409, "not_active");
        }
    }

    @Nested
    class RunningNow {

        @Test
        void runs_the_job_and_answers_its_output_and_the_job_afterwards() {
            String id = api.createEveryMinute("now");
            api.runner.succeedWith("42 rows");

            Reply reply = api.postEmpty(jobPath(id) + "/run");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(fieldNames(reply.json())).containsExactlyInAnyOrder("result", "job");
            assertThat(reply.json().get("result").asText()).isEqualTo("42 rows");
            JsonNode job = reply.job();
            assertThat(job.get("runCount").asLong()).isEqualTo(1);
            assertThat(job.get("lastRunStatus").asText()).isEqualTo("ok");
            assertThat(job.get("lastRunAt").asText()).isEqualTo("2026-06-01T08:00:00.000Z");
            assertThat(job.get("lastRunDurationMs").asLong()).isZero();
            assertThat(job.get("lastRunError").isNull()).isTrue();
            assertThat(api.runner.requests()).singleElement().satisfies(request -> assertThat(request.plannedAt()).isNull());
        }

        @Test
        void answers_the_error_as_the_result_of_a_failed_run() {
            String id = api.createEveryMinute("now");
            api.runner.failWith("HTTP 503: down");

            Reply reply = api.postEmpty(jobPath(id) + "/run");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("result").asText()).isEqualTo("HTTP 503: down");
            assertThat(reply.job().get("lastRunStatus").asText()).isEqualTo("error");
            assertThat(reply.job().get("lastRunError").asText()).isEqualTo("HTTP 503: down");
            assertThat(reply.job().get("consecutiveErrors").asInt()).isEqualTo(1);
        }

        @Test
        void answers_a_null_job_when_the_run_deleted_it() {
            String id = api.create("{\"name\":\"one-shot\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":60000},"
                    + "\"task\":\"x\",\"deleteAfterRun\":true}");

            Reply reply = api.postEmpty(jobPath(id) + "/run");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.job().isNull()).isTrue();
            assertThat(api.get(jobPath(id)).status()).isEqualTo(404);
        }

        @Test
        void refuses_a_paused_job_with_409_not_active() {
            String id = api.createEveryMinute("resting");
            api.postEmpty(jobPath(id) + "/pause");

            Reply reply = api.postEmpty(jobPath(id) + "/run");

            reply.assertRefused(409, "not_active");
        }

        @Test
        void answers_404_for_an_unknown_id() {
            assertThat(api.postEmpty(jobPath("nope") + "/run").code()).isEqualTo("not_found");
        }

        @Test
        void refuses_a_second_run_while_the_first_is_under_way_with_409_already_running() throws Exception {
            String id = api.createEveryMinute("slow");
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            api.runner.behave(request -> {
                started.countDown();
                awaitQuietly(release);
                return RunOutcome.ok("finally");
            });
            CompletableFuture<Reply> first = CompletableFuture.supplyAsync(() -> api.postEmpty(jobPath(id) + "/run"));
            assertThat(started.await(30, TimeUnit.SECONDS)).as("first run started").isTrue();

            Reply second = api.postEmpty(jobPath(id) + "/run");
            release.countDown();

            second.assertRefused(409, "already_running");
            assertThat(first.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }

        private void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Nested
    class History {

        @Test
        void lists_audit_entries_newest_first_with_every_field() {
            String id = api.createEveryMinute("audited");
            api.clock.advance(Duration.ofSeconds(1));
            api.post(jobPath(id) + "/pause", "{\"reason\":\"why not\"}");

            Reply reply = api.get(jobPath(id) + "/audit");

            assertThat(reply.status()).isEqualTo(200);
            JsonNode entries = reply.json().get("entries");
            assertThat(entries).extracting(entry -> entry.get("action").asText()).containsExactly("pause", "create");
            JsonNode pause = entries.get(0);
            assertThat(fieldNames(pause)).containsExactlyInAnyOrder("id", "jobId", "jobName", "action", "previousStatus",
                    "newStatus", "actor", "detail", "createdAt");
            assertThat(pause.get("jobId").asText()).isEqualTo(id);
            assertThat(pause.get("jobName").asText()).isEqualTo("audited");
            assertThat(pause.get("previousStatus").asText()).isEqualTo("active");
            assertThat(pause.get("newStatus").asText()).isEqualTo("paused");
            assertThat(pause.get("actor").asText()).isEqualTo("user");
            assertThat(pause.get("createdAt").asText()).isEqualTo("2026-06-01T08:00:01.000Z");
            assertThat(entries.get(1).get("previousStatus").isNull()).isTrue();
        }

        @Test
        void answers_20_audit_entries_by_default_and_clamps_the_limit_to_100() {
            String id = api.createEveryMinute("busy");
            for (int i = 0; i < 55; i++) {
                api.postEmpty(jobPath(id) + "/pause");
                api.postEmpty(jobPath(id) + "/resume");
            }

            assertThat(api.get(jobPath(id) + "/audit").json().get("entries")).hasSize(20);
            assertThat(api.get(jobPath(id) + "/audit?limit=5").json().get("entries")).hasSize(5);
            assertThat(api.get(jobPath(id) + "/audit?limit=1000").json().get("entries")).hasSize(100);
            assertThat(api.get(jobPath(id) + "/audit?limit=99999999999999999999").json().get("entries")).hasSize(100);
        }

        @Test
        void answers_an_empty_audit_for_an_id_never_seen() {
            Reply reply = api.get(jobPath("never-seen") + "/audit");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("entries")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "abc", "1.5", "", "1e2", "%201"})
        void refuses_a_limit_that_is_not_a_positive_integer(String limit) {
            String id = api.createEveryMinute("limited");

            Reply audit = api.get(jobPath(id) + "/audit?limit=" + limit);
            Reply runs = api.get(jobPath(id) + "/runs?limit=" + limit);

            for (Reply reply : List.of(audit, runs)) {
                reply.assertRefused(400, "invalid_request");
                assertThat(reply.error()).contains("limit");
            }
        }

        @Test
        void lists_runs_newest_first_with_every_field() {
            String id = api.createEveryMinute("ran");
            api.runner.succeedWith("first output");
            api.postEmpty(jobPath(id) + "/run");
            api.clock.advance(Duration.ofSeconds(5));
            api.runner.failWith("boom");
            api.postEmpty(jobPath(id) + "/run");

            Reply reply = api.get(jobPath(id) + "/runs");

            assertThat(reply.status()).isEqualTo(200);
            JsonNode runs = reply.json().get("runs");
            assertThat(runs).extracting(run -> run.get("status").asText()).containsExactly("error", "ok");
            JsonNode failed = runs.get(0);
            assertThat(fieldNames(failed)).containsExactlyInAnyOrder("runId", "jobId", "plannedAt", "startedAt",
                    "durationMs", "status", "error", "output", "instance", "probe");
            assertThat(failed.get("jobId").asText()).isEqualTo(id);
            assertThat(failed.get("instance").asText()).isNotBlank();
            assertThat(failed.get("plannedAt").isNull()).isTrue();
            assertThat(failed.get("startedAt").asText()).isEqualTo("2026-06-01T08:00:05.000Z");
            assertThat(failed.get("error").asText()).isEqualTo("boom");
            assertThat(runs.get(1).get("output").asText()).isEqualTo("first output");
            assertThat(api.get(jobPath(id) + "/runs?limit=1").json().get("runs")).hasSize(1);
        }

        @Test
        void answers_404_for_the_runs_of_an_unknown_id() {
            assertThat(api.get(jobPath("nope") + "/runs").code()).isEqualTo("not_found");
        }
    }

    @Nested
    class Previewing {

        @Test
        void previews_a_usable_schedule_with_its_next_run_and_a_description() {
            Reply reply = api.post(BASE + "/preview", "{\"schedule\":{\"kind\":\"every\",\"intervalMs\":90000}}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(fieldNames(reply.json())).containsExactly("nextRunAt", "nextRuns", "humanReadable", "error");
            assertThat(reply.json().get("nextRunAt").asText()).isEqualTo("2026-06-01T08:01:30.000Z");
            assertThat(reply.json().get("humanReadable").asText()).isNotBlank();
            assertThat(reply.json().get("error").isNull()).isTrue();
        }

        @Test
        void previews_the_next_five_runs_from_now_by_default() {
            Reply reply = api.post(BASE + "/preview", "{\"schedule\":{\"kind\":\"cron\",\"expr\":\"*/15 * * * *\"}}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("nextRuns")).extracting(JsonNode::asText).containsExactly(
                    "2026-06-01T08:15:00.000Z", "2026-06-01T08:30:00.000Z", "2026-06-01T08:45:00.000Z",
                    "2026-06-01T09:00:00.000Z", "2026-06-01T09:15:00.000Z");
            assertThat(reply.json().get("nextRunAt").asText()).isEqualTo("2026-06-01T08:15:00.000Z");
            assertThat(reply.json().get("humanReadable").asText()).isEqualTo("Every 15 minutes (UTC)");
        }

        @Test
        void previews_as_many_runs_as_asked_from_the_instant_given_so_daylight_saving_can_be_seen_ahead() {
            Reply reply = api.post(BASE + "/preview", "{\"schedule\":{\"kind\":\"cron\",\"expr\":\"30 2 * * *\","
                    + "\"tz\":\"Europe/Berlin\"},\"from\":\"2026-03-28T12:00:00+01:00\",\"count\":2}");

            assertThat(reply.status()).isEqualTo(200);
            // 02:30 does not exist on 2026-03-29: that night's run is at 03:00 CEST, the end of the gap.
            assertThat(reply.json().get("nextRuns")).extracting(JsonNode::asText)
                    .containsExactly("2026-03-29T01:00:00.000Z", "2026-03-30T00:30:00.000Z");
            assertThat(reply.json().get("nextRunAt").asText()).isEqualTo("2026-03-29T01:00:00.000Z");
            assertThat(reply.json().get("humanReadable").asText()).isEqualTo("At 02:30 every day (Europe/Berlin)");
        }

        @Test
        void previews_twenty_runs_at_most_and_takes_null_as_the_default() {
            String every = "{\"kind\":\"every\",\"intervalMs\":60000}";

            assertThat(api.post(BASE + "/preview", "{\"schedule\":" + every + ",\"count\":20}").json().get("nextRuns"))
                    .hasSize(20);
            assertThat(api.post(BASE + "/preview", "{\"schedule\":" + every + ",\"count\":null,\"from\":null}")
                    .json().get("nextRuns")).hasSize(5);
        }

        @Test
        void a_one_shot_previewed_from_after_its_instant_has_no_runs_and_no_error() {
            Reply reply = api.post(BASE + "/preview", "{\"schedule\":{\"kind\":\"at\",\"at\":\"2026-07-01T00:00:00Z\"},"
                    + "\"from\":\"2026-08-01T00:00:00Z\"}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("nextRuns")).isEmpty();
            assertThat(reply.json().get("nextRunAt").isNull()).isTrue();
            assertThat(reply.json().get("error").isNull()).isTrue();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                "from":5                          | from
                "from":true                       | from
                "from":{}                         | from
                "from":"tomorrow"                 | from
                "from":"2026-10-25T02:15:00"      | from
                "from":"+10000-01-01T00:00:00Z"   | from
                "count":"5"                       | count
                "count":1.5                       | count
                "count":true                      | count
                "count":[5]                       | count
                "count":0                         | count
                "count":21                        | count
                "count":-3                        | count
                "count":99999999999999999999      | count
                """)
        void answers_400_naming_the_field_for_a_bad_from_or_count(String member, String field) {
            Reply reply = api.post(BASE + "/preview",
                    "{\"schedule\":{\"kind\":\"every\",\"intervalMs\":60000}," + member + "}");

            reply.assertRefused(400, "invalid_request");
            assertThat(reply.error()).startsWith(field);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"kind\":\"cron\",\"expr\":\"61 * * * *\"}",
                "{\"kind\":\"cron\",\"expr\":\"@daily\"}",
                "{\"kind\":\"cron\",\"expr\":\"0 0 9 * * ?\"}",
                "{\"kind\":\"cron\",\"expr\":\"0 9 * * *\",\"tz\":\"Nowhere/City\"}",
                "{\"kind\":\"at\",\"at\":\"2020-01-01T00:00:00Z\"}",
                "{\"kind\":\"at\",\"at\":\"tomorrow\"}",
                "{\"kind\":\"every\",\"intervalMs\":0}"})
        void answers_200_with_an_error_for_a_well_formed_but_unusable_schedule(String schedule) {
            Reply reply = api.post(BASE + "/preview", "{\"schedule\":" + schedule + "}");

            assertThat(reply.status()).as("%s", reply).isEqualTo(200);
            assertThat(reply.json().get("nextRunAt").isNull()).isTrue();
            assertThat(reply.json().get("nextRuns").isNull()).isTrue();
            assertThat(reply.json().get("humanReadable").isNull()).isTrue();
            assertThat(reply.json().get("error").asText()).isNotBlank();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{}",
                "{\"schedule\":{}}",
                "{\"schedule\":{\"kind\":\"sometimes\"}}",
                "{\"schedule\":{\"kind\":\"every\"}}",
                "{\"schedule\":{\"kind\":\"every\",\"intervalMs\":\"60000\"}}",
                "{\"schedule\":{\"kind\":\"cron\",\"expr\":5}}",
                "{\"schedule\":\"every minute\"}",
                "{\"schedule\":{\"kind\":7}}"})
        void answers_400_for_a_malformed_schedule(String body) {
            Reply reply = api.post(BASE + "/preview", body);

            reply.assertRefused(400, "invalid_request");
            assertThat(reply.error()).contains("schedule");
        }
    }

    @Test
    void health_answers_ok() {
        Reply reply = api.get("/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("status").asText()).isEqualTo("ok");
        assertThat(fieldNames(reply.json())).containsExactlyInAnyOrder("status", "store", "dispatcher", "lease",
                "outcomeBacklog", "oldestClaimAt", "alertBacklog", "oldestAlertAt", "problems");
        assertThat(reply.json().get("store").asBoolean()).isTrue();
        assertThat(reply.json().get("problems")).isEmpty();
    }
}
