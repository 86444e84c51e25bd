package dev.hourglass.http;

import static dev.hourglass.http.ApiFixture.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.domain.Hourglass;
import dev.hourglass.domain.error.StoreUnavailableException;
import dev.hourglass.domain.error.UnreadableJobException;
import dev.hourglass.domain.port.in.HealthReport;
import java.util.List;
import java.util.Optional;
import dev.hourglass.domain.model.JobId;
import dev.hourglass.domain.port.in.UseCases;
import dev.hourglass.domain.testing.InMemoryStore;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What the API answers outside its happy paths: unknown routes, wrong methods, big bodies, crashes. */
class ProtocolTest {

    private final ApiFixture api = ApiFixture.open();

    @AfterEach
    void stop() {
        api.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE + "/some-id/nothing", BASE + "/a/b/c/d", "/ui/api", "/elsewhere", "/ui/api/schedulers"})
    void an_unknown_path_is_404_not_found(String path) {
        Reply reply = api.get(path);

        reply.assertRefused(404, "not_found");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "PUT, " + BASE,
            "DELETE, " + BASE,
            "PUT, " + BASE + "/some-id",
            "POST, " + BASE + "/some-id",
            "GET, " + BASE + "/some-id/pause",
            "PUT, " + BASE + "/some-id/resume",
            "DELETE, " + BASE + "/some-id/run",
            "POST, " + BASE + "/some-id/audit",
            "POST, " + BASE + "/some-id/runs",
            "GET, " + BASE + "/preview",
            "DELETE, " + BASE + "/preview",
            "POST, /health"})
    void a_known_path_with_the_wrong_method_is_405_method_not_allowed(String method, String path) {
        Reply reply = api.method(method, path, BodyPublishers.noBody());

        reply.assertRefused(405, "method_not_allowed");
        assertThat(reply.header("Allow")).isNotBlank();
    }

    @Test
    void a_body_over_64_kib_is_413() {
        byte[] body = new byte[64 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');

        Reply reply = api.postBytes(BASE, body);

        reply.assertRefused(413, "payload_too_large");
    }

    @Test
    void a_streamed_body_over_64_kib_without_a_length_is_413() {
        byte[] body = new byte[100 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');

        Reply reply = api.send(api.request(BASE).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

        reply.assertRefused(413, "payload_too_large");
    }

    @Test
    void a_body_of_exactly_64_kib_is_read() {
        String start = "{\"name\":\"roomy\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":1000},\"task\":\"t\",\"padding\":\"";
        String body = start + "p".repeat(64 * 1024 - start.length() - 2) + "\"}";

        Reply reply = api.post(BASE, body);

        assertThat(body).hasSize(64 * 1024);
        assertThat(reply.status()).isEqualTo(201);
    }

    @Test
    void an_unexpected_failure_is_a_generic_500_whose_error_id_is_logged() {
        Hourglass hourglass = Hourglass.builder(new InMemoryStore()).runner(request -> null).build();
        UseCases real = hourglass.useCases();
        UseCases broken = new UseCases(real.create(), real.get(), status -> {
            throw new IllegalStateException("secret internal detail");
        }, real.summarize(), real.pause(), real.resume(), real.runNow(), real.delete(), real.audit(), real.runs(),
                real.preview(), real.health(), real.cluster(), real.edit(), real.revisions(), real.explain(),
                real.createAll());
        try (ApiFixture crashing = ApiFixture.over(broken); LogCapture log = new LogCapture()) {

            Reply reply = crashing.get(BASE);

            reply.assertRefused(500, "internal_error");
            assertThat(reply.body()).doesNotContain("secret", "IllegalStateException", "java.", "dev.hourglass");
            Matcher id = Pattern.compile("error id ([0-9a-f-]{36})").matcher(reply.error());
            assertThat(id.find()).as("error id in %s", reply.error()).isTrue();
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .startsWith("ERROR")
                    .contains(id.group(1))
                    .contains("secret internal detail"));
        }
    }

    @Test
    void a_path_whose_percent_escape_is_broken_is_404_not_a_server_error() {
        try (ApiFixture api = ApiFixture.open()) {

            String response = api.raw("GET " + BASE + "/;% HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(response).startsWith("HTTP/1.1 404").contains("\"code\":\"not_found\"");
        }
    }

    @Test
    void a_store_that_does_not_answer_is_a_503_with_retry_after_and_its_own_code() {
        Hourglass hourglass = Hourglass.builder(new InMemoryStore()).runner(request -> null).build();
        UseCases real = hourglass.useCases();
        UseCases down = new UseCases(real.create(), id -> {
            throw new StoreUnavailableException("cannot find job in /data/scheduler.db: disk I/O error");
        }, real.list(), real.summarize(), real.pause(), real.resume(), real.runNow(), real.delete(), real.audit(),
                real.runs(), real.preview(), real.health(), real.cluster(), real.edit(), real.revisions(), real.explain(),
                real.createAll());
        try (ApiFixture api = ApiFixture.over(down)) {

            Reply reply = api.get(BASE + "/" + new JobId("j-1"));

            reply.assertRefused(503, "store_unavailable");
            assertThat(reply.header("Retry-After")).isEqualTo("5");
        }
    }

    @Test
    void health_answers_503_naming_the_problems_when_the_service_cannot_do_its_job() {
        Hourglass hourglass = Hourglass.builder(new InMemoryStore()).runner(request -> null).build();
        UseCases real = hourglass.useCases();
        UseCases sick = new UseCases(real.create(), real.get(), real.list(), real.summarize(), real.pause(),
                real.resume(), real.runNow(), real.delete(), real.audit(), real.runs(), real.preview(),
                () -> new HealthReport(false, "stopped", true, 3, Optional.empty(), 0, Optional.empty(),
                        List.of("the store does not answer: disk I/O error")), real.cluster(), real.edit(), real.revisions(), real.explain(),
                real.createAll());
        try (ApiFixture api = ApiFixture.over(sick)) {

            Reply reply = api.get("/health");

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.json().get("status").asText()).isEqualTo("unavailable");
            assertThat(reply.json().get("store").asBoolean()).isFalse();
            assertThat(reply.json().get("outcomeBacklog").asInt()).isEqualTo(3);
            assertThat(reply.json().get("problems").get(0).asText()).contains("disk I/O error");
        }
    }

    @Test
    void a_job_that_cannot_be_read_back_is_a_500_with_its_own_code() {
        Hourglass hourglass = Hourglass.builder(new InMemoryStore()).runner(request -> null).build();
        UseCases real = hourglass.useCases();
        UseCases unreadable = new UseCases(real.create(), id -> {
            throw new UnreadableJobException(id.value(), "schedule column holds 'bogus'");
        }, real.list(), real.summarize(), real.pause(), real.resume(), real.runNow(), real.delete(), real.audit(),
                real.runs(), real.preview(), real.health(), real.cluster(), real.edit(), real.revisions(), real.explain(),
                real.createAll());
        try (ApiFixture api = ApiFixture.over(unreadable)) {

            Reply reply = api.get(BASE + "/" + new JobId("j-1"));

            reply.assertRefused(500, "unreadable_job");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {BASE + "/%ZZ", BASE + "/%00", BASE + "/a%"})
    void a_malformed_uri_is_answered_in_json_too(String path) {
        String response = api.raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).containsIgnoringCase("Content-Type: application/json");
        assertThat(response).containsIgnoringCase("Cache-Control: no-store");
        assertThat(response).contains("\"code\":\"invalid_request\"").doesNotContain("<html");
    }

    @Test
    void an_oversized_header_is_refused_in_json_too() {
        String response = api.raw("GET " + BASE + " HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(64 * 1024)
                + "\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 431");
        assertThat(response).containsIgnoringCase("Content-Type: application/json").doesNotContain("<html");
    }

    @Test
    void a_query_parameter_that_cannot_be_decoded_is_400_not_ignored() {
        String response = api.raw("GET " + BASE + "?status=%ZZ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400").contains("status");
    }

    @Test
    void a_blank_job_id_is_404() {
        assertThat(api.get(BASE + "/%20").code()).isEqualTo("not_found");
    }

    @Test
    void a_trailing_slash_reaches_the_same_route() {
        assertThat(api.get(BASE + "/").status()).isEqualTo(200);
    }
}
