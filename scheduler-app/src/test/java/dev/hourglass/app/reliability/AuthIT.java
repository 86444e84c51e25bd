package dev.hourglass.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.app.ApiClient;
import dev.hourglass.app.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service with a token: every route but /health refuses a missing, wrong or
 * differently-cased token with 401, and the token shows up neither in an answer nor in the log.
 */
class AuthIT {

    private static final String TOKEN = "Hg7-S3cret-Token-0123456789abcdefXYZ";

    @TempDir
    Path dir;

    private ServiceProcess service;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void every_route_but_health_refuses_a_missing_wrong_or_differently_cased_token() throws Exception {
        service = ServiceProcess.start(dir, "--port", "0", "--db", dir.resolve("auth.db").toString(), "--token", TOKEN);
        String id = new ApiClient(service.api(), TOKEN).create(
                "{\"name\":\"guarded\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":60000},\"task\":\"t\"}");
        List<String[]> routes = List.of(
                new String[] {"GET", ""}, new String[] {"POST", ""}, new String[] {"POST", "/preview"},
                new String[] {"GET", "/" + id}, new String[] {"DELETE", "/" + id}, new String[] {"POST", "/" + id + "/pause"},
                new String[] {"POST", "/" + id + "/resume"}, new String[] {"POST", "/" + id + "/run"},
                new String[] {"GET", "/" + id + "/audit"}, new String[] {"GET", "/" + id + "/runs"},
                new String[] {"GET", "/no/such/path"}, new String[] {"PUT", "/" + id});
        List<String> refused = new ArrayList<>();
        refused.add(null);
        refused.add("Bearer wrong");
        refused.add("Bearer " + TOKEN.toLowerCase());
        refused.add("Bearer " + TOKEN.toUpperCase());
        refused.add("Bearer " + TOKEN.substring(0, TOKEN.length() - 1));
        refused.add("Bearer " + TOKEN + "x");
        refused.add("Bearer " + TOKEN.substring(0, TOKEN.length() - 1) + "z");
        refused.add("Basic " + TOKEN);
        refused.add(TOKEN);
        refused.add("Bearer");
        refused.add("Bearer ");
        refused.add("Bearer" + TOKEN);

        int checked = 0;
        for (String[] route : routes) {
            for (String authorization : refused) {
                HttpResponse<String> answer = send(route[0], route[1], authorization);
                assertThat(answer.statusCode()).as("%s %s with %s", route[0], route[1], authorization).isEqualTo(401);
                assertThat(answer.body()).contains("\"code\":\"unauthorized\"").doesNotContain(TOKEN);
                checked++;
            }
        }
        for (String authorization : refused) {
            assertThat(send("GET", "/health", authorization).statusCode()).as("health with %s", authorization).isEqualTo(200);
        }
        HttpResponse<String> granted = send("GET", "", "Bearer " + TOKEN);
        assertThat(granted.statusCode()).as("%s %s", granted.headers().map(), granted.body()).isEqualTo(200);
        assertThat(send("GET", "", "bearer " + TOKEN).statusCode()).as("the scheme is case-insensitive").isEqualTo(200);
        assertThat(send("POST", "/" + id + "/pause", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/" + id, "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/" + id, "Bearer " + TOKEN).body()).doesNotContain(TOKEN);

        service.terminate(30);
        assertThat(service.log()).as("the service log").isNotBlank().doesNotContain(TOKEN)
                .doesNotContain(TOKEN.toLowerCase()).doesNotContain(TOKEN.substring(0, TOKEN.length() - 1));
        System.out.println("AuthIT: " + checked + " refused requests checked");
    }

    @Test
    void the_token_stays_out_of_the_log_while_deliveries_fail() throws Exception {
        service = ServiceProcess.start(dir, "--port", "0", "--db", dir.resolve("env.db").toString(),
                "--token", TOKEN, "--webhook-url", "http://127.0.0.1:9/" + "hook", "--runner", "webhook");
        assertThat(send("GET", "", "Bearer nope").statusCode()).isEqualTo(401);
        service.terminate(30);
        assertThat(service.log()).doesNotContain(TOKEN);
    }

    private HttpResponse<String> send(String method, String path, String authorization) throws Exception {
        String base = path.equals("/health") ? service.url() : service.api();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
