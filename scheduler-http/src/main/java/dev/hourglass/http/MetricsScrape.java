package dev.hourglass.http;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What {@code GET /metrics} answers: a scrape in some text format (Prometheus's, from the app's
 * metrics registry), so that this adapter needs no metrics library of its own.
 *
 * @param contentType the scrape's media type, e.g. {@code text/plain; version=0.0.4; charset=utf-8}
 * @param scrape      writes every series; called once per request
 */
public record MetricsScrape(String contentType, Supplier<String> scrape) {

    public MetricsScrape {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(scrape, "scrape");
    }
}
