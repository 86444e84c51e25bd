package dev.hourglass.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: the scrape as the app hands it over, behind the token unless made public. */
class MetricsRouteTest {

    private static final MetricsScrape SCRAPE = new MetricsScrape("text/plain; version=0.0.4; charset=utf-8",
            () -> "# TYPE hourglass_workers_busy gauge\nhourglass_workers_busy 0.0\n");

    @Test
    void the_scrape_needs_the_token_like_the_api() {
        try (ApiFixture api = ApiFixture.withMetrics(HttpSettings.withToken(ApiFixture.TOKEN), SCRAPE)) {
            Reply with = api.sendForAnyType(api.request("/metrics").GET());
            assertThat(with.status()).isEqualTo(200);
            assertThat(with.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(with.body()).isEqualTo("# TYPE hourglass_workers_busy gauge\nhourglass_workers_busy 0.0\n");

            api.sendToken(null);
            api.get("/metrics").assertRefused(401, "unauthorized");
            api.sendToken("wrong");
            api.get("/metrics").assertRefused(401, "unauthorized");
        }
    }

    @Test
    void metrics_public_opens_the_scrape_and_nothing_else() {
        HttpSettings settings = HttpSettings.withToken(ApiFixture.TOKEN).withMetricsPublic(true);
        try (ApiFixture api = ApiFixture.withMetrics(settings, SCRAPE)) {
            api.sendToken(null);

            assertThat(api.sendForAnyType(api.request("/metrics").GET()).status()).isEqualTo(200);
            api.get(ApiFixture.BASE).assertRefused(401, "unauthorized");
        }
    }

    @Test
    void without_a_scrape_there_is_no_metrics_route() {
        try (ApiFixture api = ApiFixture.open()) {
            api.get("/metrics").assertRefused(404, "not_found");
        }
    }
}
