package dev.hourglass.http;

import static dev.hourglass.http.ApiFixture.BASE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bearer auth: every route but /health needs the token; a missing or wrong one is 401. */
class AuthTest {

    private static final String JOB = "/00000000-0000-0000-0000-000000000000";

    private final ApiFixture api = ApiFixture.withToken();
    private String jobPath;

    @BeforeEach
    void createJobWithTheToken() {
        jobPath = BASE + "/" + api.createEveryMinute("guarded");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                Arguments.of("GET", "", null),
                Arguments.of("GET", "?status=active", null),
                Arguments.of("POST", "", "{\"name\":\"n\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":1000},\"task\":\"t\"}"),
                Arguments.of("POST", "/preview", "{\"schedule\":{\"kind\":\"every\",\"intervalMs\":1000}}"),
                Arguments.of("GET", "{job}", null),
                Arguments.of("DELETE", "{job}", null),
                Arguments.of("POST", "{job}/pause", ""),
                Arguments.of("POST", "{job}/resume", "{\"force\":true}"),
                Arguments.of("POST", "{job}/run", ""),
                Arguments.of("GET", "{job}/audit", null),
                Arguments.of("GET", "{job}/runs?limit=5", null),
                Arguments.of("GET", JOB, null),
                Arguments.of("GET", "/no/such/route", null),
                Arguments.of("PUT", "", "{}"));
    }

    private Reply call(String method, String route, String body) {
        String path = route.startsWith("{job}") ? jobPath + route.substring("{job}".length()) : BASE + route;
        return api.method(method, path, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void refuses_a_request_without_a_token(String method, String route, String body) {
        api.sendToken(null);

        Reply reply = call(method, route, body);

        reply.assertRefused(401, "unauthorized");
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void refuses_a_request_with_a_wrong_token(String method, String route, String body) {
        api.sendToken("wrong-token");

        Reply reply = call(method, route, body);

        reply.assertRefused(401, "unauthorized");
    }

    @Test
    void refuses_tokens_that_merely_start_or_end_like_the_right_one() {
        for (String almost : new String[] {ApiFixture.TOKEN + "x", ApiFixture.TOKEN.substring(1), "", " "}) {
            api.sendToken(almost);
            assertThat(api.get(BASE).status()).as("token '%s'", almost).isEqualTo(401);
        }
    }

    @Test
    void refuses_the_token_in_another_case_also_on_a_connection_that_just_sent_the_right_one() {
        for (int round = 0; round < 3; round++) {
            api.sendToken(ApiFixture.TOKEN);
            assertThat(api.get(BASE).status()).as("round %d, the token", round).isEqualTo(200);
            api.sendToken(ApiFixture.TOKEN.toUpperCase(java.util.Locale.ROOT));
            assertThat(api.get(BASE).status()).as("round %d, the token upper-cased", round).isEqualTo(401);
        }
    }

    @Test
    void refuses_a_token_sent_with_another_scheme() {
        api.sendToken(null);

        Reply basic = api.send(api.request(BASE).header("Authorization", "Basic " + ApiFixture.TOKEN).GET());
        Reply bare = api.send(api.request(BASE).header("Authorization", ApiFixture.TOKEN).GET());

        assertThat(basic.status()).isEqualTo(401);
        assertThat(bare.status()).isEqualTo(401);
    }

    @Test
    void accepts_the_scheme_in_any_case() {
        api.sendToken(null);

        Reply reply = api.send(api.request(BASE).header("Authorization", "bearer " + ApiFixture.TOKEN).GET());

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void leaves_health_open_without_a_token_and_with_a_wrong_one() {
        api.sendToken(null);
        assertThat(api.get("/health").status()).isEqualTo(200);
        api.sendToken("wrong-token");
        assertThat(api.get("/health").status()).isEqualTo(200);
    }

    @Test
    void records_user_as_the_actor_of_changes_made_with_the_token() {
        api.postEmpty(jobPath + "/pause");

        Reply audit = api.get(jobPath + "/audit");

        assertThat(audit.json().get("entries")).allSatisfy(entry -> assertThat(entry.get("actor").asText()).isEqualTo("user"));
        assertThat(api.get(jobPath).job().get("createdBy").asText()).isEqualTo("user");
    }

    @Test
    void never_writes_the_token_to_the_log() {
        try (LogCapture log = new LogCapture()) {
            api.get(BASE);
            api.post(BASE, "{broken");
            api.sendToken("wrong-token");
            api.get(BASE);

            assertThat(log.lines()).noneMatch(line -> line.contains(ApiFixture.TOKEN));
        }
        assertThat(HttpSettings.withToken(ApiFixture.TOKEN).toString()).doesNotContain(ApiFixture.TOKEN);
    }
}
