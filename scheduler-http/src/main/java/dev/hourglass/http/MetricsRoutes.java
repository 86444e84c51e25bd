package dev.hourglass.http;

import static io.javalin.apibuilder.ApiBuilder.get;

import io.javalin.http.Context;

/** {@code GET /metrics}: the scrape, behind the token unless the settings make it public. */
final class MetricsRoutes {

    static final String PATH = "/metrics";

    private final MetricsScrape scrape;

    MetricsRoutes(MetricsScrape scrape) {
        this.scrape = scrape;
    }

    /** Registers the route; call inside {@code config.routes.apiBuilder}. */
    void register() {
        get(PATH, this::metrics);
    }

    private void metrics(Context ctx) {
        String body = scrape.scrape().get();
        ctx.contentType(scrape.contentType()).result(body);
    }

    static boolean isMetrics(String path) {
        return path.equals(PATH) || path.equals(PATH + "/");
    }
}
