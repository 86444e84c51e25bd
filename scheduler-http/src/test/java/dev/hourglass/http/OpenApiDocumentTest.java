package dev.hourglass.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document itself: it parses cleanly, it is served without the token, and its checker can fail. */
class OpenApiDocumentTest {

    @Test
    void the_document_parses_with_swagger_parser_without_a_message() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(OpenApiContract.readDocument(), null, options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(result.getOpenAPI().getPaths()).containsKeys("/ui/api/scheduler", "/ui/api/scheduler/{id}",
                "/health", "/metrics", "/ui/api/openapi.json");
    }

    /** Handlers that exist only to refuse a method (405) on a literal path that {@code /{id}} would otherwise take. */
    private static final Set<String> REFUSING_HANDLERS = Set.of("GET /ui/api/scheduler/preview",
            "DELETE /ui/api/scheduler/preview", "DELETE /ui/api/scheduler/cluster", "GET /ui/api/scheduler/batch",
            "DELETE /ui/api/scheduler/batch");

    @Test
    void every_registered_route_is_documented_and_every_documented_one_registered() {
        Set<String> documented = new TreeSet<>();
        OpenApiContract.get().document().get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        MetricsScrape metrics = new MetricsScrape("text/plain; version=0.0.4; charset=utf-8", () -> "");
        try (ApiFixture api = ApiFixture.withMetrics(HttpSettings.open(), metrics)) {
            Set<String> registered = new TreeSet<>(api.routes());
            registered.removeAll(REFUSING_HANDLERS);
            registered.removeIf(route -> route.startsWith("BEFORE ") || route.startsWith("AFTER "));

            assertThat(registered).as("routes the API serves (document each in openapi.json)")
                    .containsExactlyInAnyOrderElementsOf(documented);
        }
    }

    @Test
    void it_is_served_without_the_token() {
        try (ApiFixture api = ApiFixture.withToken()) {
            api.sendToken(null);
            Reply reply = api.get("/ui/api/openapi.json");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json()).isEqualTo(OpenApiContract.get().document());
        }
    }

    @Test
    void an_undocumented_route_a_status_or_a_field_fails_the_check() {
        OpenApiContract contract = OpenApiContract.get();
        URI base = URI.create("http://127.0.0.1/ui/api/scheduler");
        String job = ApiFixtureJobs.JOB;

        assertThatThrownBy(() -> contract.check("GET", URI.create(base + "/x/history"), json(200, "{}")))
                .hasMessageContaining("an undocumented route");
        assertThatThrownBy(() -> contract.check("PUT", URI.create(base + "/x"), json(200, "{\"job\":" + job + "}")))
                .hasMessageContaining("an undocumented method");
        assertThatThrownBy(() -> contract.check("GET", URI.create(base + "/x"), json(418, "{}")))
                .hasMessageContaining("an undocumented status");
        String withNewField = job.replace("\"id\":", "\"nickname\":null,\"id\":");
        assertThatThrownBy(() -> contract.check("GET", URI.create(base + "/x"), json(200, "{\"job\":" + withNewField + "}")))
                .hasMessageContaining("does not allow");
        contract.check("GET", URI.create(base + "/x"), json(200, "{\"job\":" + job + "}"));
        contract.check("PUT", URI.create(base + "/x"), json(405,
                "{\"error\":\"PUT is not allowed\",\"code\":\"method_not_allowed\"}"));
    }

    private static Reply json(int status, String body) {
        return new Reply(status, HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (a, b) -> true), body);
    }

    /** A job as the API writes it. */
    private static final class ApiFixtureJobs {

        static final String JOB = "{\"id\":\"9b2f\",\"name\":\"n\",\"description\":null,\"enabled\":true,"
                + "\"schedule\":{\"kind\":\"every\",\"intervalMs\":60000},\"task\":\"t\",\"status\":\"active\","
                + "\"lastRunAt\":null,\"lastRunStatus\":null,\"lastRunDurationMs\":null,\"lastRunError\":null,"
                + "\"nextRunAt\":\"2026-06-01T08:01:00.000Z\",\"runCount\":0,\"consecutiveErrors\":0,"
                + "\"deleteAfterRun\":false,\"createdAt\":\"2026-06-01T08:00:00.000Z\","
                + "\"updatedAt\":\"2026-06-01T08:00:00.000Z\",\"createdBy\":\"user\",\"revision\":1,\"pausedUntil\":null,"
                + "\"expectSuccessWithinMs\":null,\"stale\":false,\"dependency\":null,\"probe\":null,\"nextProbeAt\":null,"
                + "\"heldByDependency\":false}";

        private ApiFixtureJobs() {
        }
    }
}
