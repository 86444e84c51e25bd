package dev.hourglass.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.app.ApiClient;
import dev.hourglass.app.Await;
import dev.hourglass.app.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged service's {@code /metrics}: behind the token unless {@code --metrics-public}, and fed by real runs. */
class MetricsIT {

    private static final String TOKEN = "metrics-it-token";
    private static final Duration GIVE_UP = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private ServiceProcess service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void the_scrape_needs_the_token_and_counts_the_runs_that_happened() throws Exception {
        service = ServiceProcess.start(dir, "--port", "0", "--db", dir.resolve("m.db").toString(), "--token", TOKEN);
        new ApiClient(service.api(), TOKEN).create(
                "{\"name\":\"tick\",\"schedule\":{\"kind\":\"every\",\"intervalMs\":200},\"task\":\"t\"}");

        assertThat(scrape(null).statusCode()).isEqualTo(401);
        HttpResponse<String> ok = Await.until("three ok runs in the scrape", GIVE_UP, () -> scrape(TOKEN),
                reply -> PrometheusText.parse(reply.body()).value("hourglass_runs_total", "outcome", "ok") >= 3);

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValue(PrometheusMetrics.CONTENT_TYPE);
        PrometheusText parsed = PrometheusText.parse(ok.body());
        assertThat(parsed.value("hourglass_jobs", "status", "active")).isEqualTo(1);
        assertThat(parsed.value("hourglass_fire_lag_seconds_count")).isGreaterThanOrEqualTo(3);
        assertThat(parsed.type("jvm_memory_used_bytes")).isEqualTo("gauge");
    }

    @Test
    void metrics_public_serves_the_scrape_without_the_token_and_keeps_the_api_closed() throws Exception {
        service = ServiceProcess.start(dir, "--port", "0", "--db", dir.resolve("p.db").toString(), "--token", TOKEN,
                "--metrics-public");

        HttpResponse<String> open = scrape(null);
        assertThat(open.statusCode()).isEqualTo(200);
        PrometheusText.parse(open.body());
        assertThat(new ApiClient(service.api(), null).get("").status()).isEqualTo(401);
    }

    private HttpResponse<String> scrape(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url() + "/metrics"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
